package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event of a streamed answer, in the core's Converse shape: the same six events Bedrock's
 * ConverseStream sends, in the same order ({@code messageStart}, then per block an optional
 * {@code contentBlockStart}, deltas and {@code contentBlockStop}, then {@code messageStop} and
 * {@code metadata}). Each record serialises to Bedrock's own event payload. A stream in the provider's own
 * format (InvokeModel) is a series of {@link Chunk}s instead.
 */
public sealed interface ChatStreamEvent {

    /** Bedrock's event name, e.g. {@code contentBlockDelta}. */
    String eventType();

    /**
     * The answer starts.
     *
     * @param role always assistant
     */
    record MessageStart(Role role) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "messageStart";
        }
    }

    /**
     * A content block starts; Bedrock sends it only for tool use.
     *
     * @param contentBlockIndex the block's position in the message
     * @param start what starts
     */
    record ContentBlockStart(int contentBlockIndex, Start start) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "contentBlockStart";
        }

        /**
         * The start union.
         *
         * @param toolUse the tool call that starts
         */
        public record Start(ToolUseStart toolUse) {}

        /**
         * A starting tool call.
         *
         * @param toolUseId the call's ID
         * @param name the tool's name
         */
        public record ToolUseStart(String toolUseId, String name) {}
    }

    /**
     * A piece of a content block.
     *
     * @param contentBlockIndex the block's position in the message
     * @param delta the piece
     */
    record ContentBlockDelta(int contentBlockIndex, Delta delta) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "contentBlockDelta";
        }

        /**
         * The delta union: exactly one member is set.
         *
         * @param text a piece of answer text
         * @param toolUse a piece of a tool call's JSON input
         * @param reasoningContent a piece of the model's reasoning
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Delta(
                @Nullable String text,
                @Nullable ToolUseDelta toolUse,
                @Nullable ReasoningDelta reasoningContent) {

            /** A text delta. */
            public static Delta text(String text) {
                return new Delta(text, null, null);
            }
        }

        /**
         * A piece of tool input.
         *
         * @param input partial JSON text
         */
        public record ToolUseDelta(String input) {}

        /**
         * A piece of reasoning, a union: exactly one member is set.
         *
         * @param text reasoning text
         * @param signature the signature of the reasoning so far, sent once at its end
         * @param redactedContent encrypted reasoning
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record ReasoningDelta(
                @Nullable String text, @Nullable String signature, byte @Nullable [] redactedContent) {}
    }

    /**
     * A content block ends.
     *
     * @param contentBlockIndex the block's position in the message
     */
    record ContentBlockStop(int contentBlockIndex) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "contentBlockStop";
        }
    }

    /**
     * The answer ends.
     *
     * @param stopReason why, as Bedrock says it
     * @param additionalModelResponseFields model-specific fields the caller asked for
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageStop(String stopReason, @Nullable JsonNode additionalModelResponseFields) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "messageStop";
        }
    }

    /**
     * Usage and timing, sent last.
     *
     * @param usage token counts
     * @param metrics Bedrock's latency figure
     */
    record Metadata(TokenUsage usage, Metrics metrics) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "metadata";
        }

        /**
         * Stream metrics.
         *
         * @param latencyMs Bedrock's latency in milliseconds
         */
        public record Metrics(long latencyMs) {}
    }

    /**
     * One event of a provider's own stream (InvokeModelWithResponseStream), unread: streams started by
     * {@link InvokeService} carry only these, and Converse streams never do. Serialises to Bedrock's
     * {@code chunk} payload, the bytes in base64.
     *
     * @param bytes the provider's event, for Anthropic models one Messages streaming event as JSON
     */
    record Chunk(byte[] bytes) implements ChatStreamEvent {
        @Override
        public String eventType() {
            return "chunk";
        }
    }
}
