package dev.bedrockgateway.api.openai;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One OpenAI chat message.
 *
 * @param role system, developer, user, assistant or tool
 * @param content a string, or a list of content parts such as {@code {"type":"text","text":"..."}}
 * @param name optional participant name (not sent to Bedrock, which has no such field)
 * @param toolCalls the function calls an assistant message made
 * @param toolCallId the call a {@code tool} message answers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OpenAiMessage(
        @Nullable String role,
        @Nullable JsonNode content,
        @Nullable String name,
        @Nullable List<OpenAiToolCall> toolCalls,
        @Nullable String toolCallId) {}
