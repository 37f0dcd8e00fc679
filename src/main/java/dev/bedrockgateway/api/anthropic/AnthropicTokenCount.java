package dev.bedrockgateway.api.anthropic;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code /v1/messages/count_tokens}.
 *
 * @param inputTokens the tokens the request's input would use
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record AnthropicTokenCount(int inputTokens) {}
