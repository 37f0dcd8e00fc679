package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One block of the system prompt, as in Bedrock Converse.
 *
 * @param text system instruction text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemBlock(String text) {
}
