package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One block of a message, a union as in Bedrock Converse: exactly one member is set. The record
 * serialises to Converse's own JSON, so the Converse surfaces can write it as it is.
 *
 * @param text plain text
 * @param image an image (user turns only)
 * @param document a document (user turns only)
 * @param toolUse a tool call the assistant made
 * @param toolResult the result of a tool call, sent back in a user turn
 * @param reasoningContent the model's reasoning, with the signature needed to send it back
 * @param cachePoint a prompt-cache checkpoint: everything before it may be cached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentBlock(
        @Nullable String text,
        @Nullable ImageBlock image,
        @Nullable DocumentBlock document,
        @Nullable ToolUseBlock toolUse,
        @Nullable ToolResultBlock toolResult,
        @Nullable ReasoningBlock reasoningContent,
        @Nullable CachePoint cachePoint) {

    /** A text block. */
    public static ContentBlock text(String text) {
        return new ContentBlock(text, null, null, null, null, null, null);
    }

    /** An image block. */
    public static ContentBlock image(ImageBlock image) {
        return new ContentBlock(null, image, null, null, null, null, null);
    }

    /** A document block. */
    public static ContentBlock document(DocumentBlock document) {
        return new ContentBlock(null, null, document, null, null, null, null);
    }

    /** A tool call. */
    public static ContentBlock toolUse(ToolUseBlock toolUse) {
        return new ContentBlock(null, null, null, toolUse, null, null, null);
    }

    /** A tool result. */
    public static ContentBlock toolResult(ToolResultBlock toolResult) {
        return new ContentBlock(null, null, null, null, toolResult, null, null);
    }

    /** A reasoning block. */
    public static ContentBlock reasoning(ReasoningBlock reasoning) {
        return new ContentBlock(null, null, null, null, null, reasoning, null);
    }

    /** A prompt-cache checkpoint with the default lifetime. */
    public static ContentBlock checkpoint() {
        return checkpoint(CachePoint.DEFAULT);
    }

    /** A prompt-cache checkpoint. */
    public static ContentBlock checkpoint(CachePoint cachePoint) {
        return new ContentBlock(null, null, null, null, null, null, cachePoint);
    }
}
