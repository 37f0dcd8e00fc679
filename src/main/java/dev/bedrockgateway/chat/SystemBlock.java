package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One block of the system prompt, a union as in Bedrock Converse.
 *
 * @param text system instruction text
 * @param cachePoint a prompt-cache checkpoint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemBlock(@Nullable String text, @Nullable CachePoint cachePoint) {

    /** A text block. */
    public static SystemBlock text(String text) {
        return new SystemBlock(text, null);
    }
}
