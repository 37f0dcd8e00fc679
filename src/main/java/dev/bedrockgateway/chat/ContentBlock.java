package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One block of a message, a union as in Bedrock Converse: exactly one member is set.
 *
 * @param text plain text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentBlock(String text) {

    /** A text block. */
    public static ContentBlock text(String text) {
        return new ContentBlock(text);
    }
}
