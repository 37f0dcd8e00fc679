package dev.bedrockgateway.api.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One OpenAI chat message.
 *
 * @param role system, developer, user or assistant
 * @param content a string, or a list of content parts such as {@code {"type":"text","text":"..."}}
 * @param name optional participant name (not sent to Bedrock, which has no such field)
 */
public record OpenAiMessage(@Nullable String role, @Nullable JsonNode content, @Nullable String name) {
}
