package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The model's reasoning, as Converse's {@code reasoningContent} union: readable text with the signature
 * that lets a caller send it back on the next turn, or content the provider redacted.
 *
 * @param reasoningText readable reasoning
 * @param redactedContent encrypted reasoning, opaque to everyone but the model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReasoningBlock(@Nullable ReasoningText reasoningText, byte @Nullable [] redactedContent) {

    /**
     * Readable reasoning.
     *
     * @param text the reasoning
     * @param signature the provider's proof that the text is unchanged
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasoningText(String text, @Nullable String signature) {}
}
