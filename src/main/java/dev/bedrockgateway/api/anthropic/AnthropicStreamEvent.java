package dev.bedrockgateway.api.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One server-sent event of an Anthropic Messages stream. Its {@link #type()} is both the SSE event name and the
 * payload's {@code type} field, as on Anthropic ({@code event: message_stop} carries
 * {@code {"type":"message_stop"}}); the record is the payload. {@code ping} is left to the encoder, which knows
 * when the stream is quiet.
 */
public sealed interface AnthropicStreamEvent
        permits AnthropicStreamEvent.MessageStart,
                AnthropicStreamEvent.ContentBlockStart,
                AnthropicStreamEvent.ContentBlockDelta,
                AnthropicStreamEvent.ContentBlockStop,
                AnthropicStreamEvent.MessageDelta,
                AnthropicStreamEvent.MessageStop,
                AnthropicError {

    /** The event name, e.g. {@code content_block_delta}. */
    String type();

    /**
     * The answer starts: the message with no content yet.
     *
     * @param type {@code message_start}
     * @param message the message so far
     */
    record MessageStart(String type, AnthropicMessage message) implements AnthropicStreamEvent {
        MessageStart(AnthropicMessage message) {
            this("message_start", message);
        }
    }

    /**
     * A content block starts.
     *
     * @param type {@code content_block_start}
     * @param index the block's position in the message
     * @param contentBlock the block, empty but for what is known up front (a tool call's ID and name)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ContentBlockStart(String type, int index, AnthropicContentBlock contentBlock)
            implements AnthropicStreamEvent {
        ContentBlockStart(int index, AnthropicContentBlock contentBlock) {
            this("content_block_start", index, contentBlock);
        }
    }

    /**
     * A piece of a content block.
     *
     * @param type {@code content_block_delta}
     * @param index the block's position in the message
     * @param delta the piece
     */
    record ContentBlockDelta(String type, int index, Delta delta) implements AnthropicStreamEvent {
        ContentBlockDelta(int index, Delta delta) {
            this("content_block_delta", index, delta);
        }

        /**
         * The delta union, told apart by {@code type}.
         *
         * @param type text_delta, input_json_delta, thinking_delta or signature_delta
         * @param text answer text ({@code text_delta})
         * @param partialJson a piece of the tool input's JSON text ({@code input_json_delta})
         * @param thinking reasoning text ({@code thinking_delta})
         * @param signature the reasoning's signature ({@code signature_delta})
         */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Delta(
                String type,
                @Nullable String text,
                @Nullable String partialJson,
                @Nullable String thinking,
                @Nullable String signature) {

            static Delta text(String text) {
                return new Delta("text_delta", text, null, null, null);
            }

            static Delta inputJson(String partialJson) {
                return new Delta("input_json_delta", null, partialJson, null, null);
            }

            static Delta thinking(String thinking) {
                return new Delta("thinking_delta", null, null, thinking, null);
            }

            static Delta signature(String signature) {
                return new Delta("signature_delta", null, null, null, signature);
            }
        }
    }

    /**
     * A content block ends.
     *
     * @param type {@code content_block_stop}
     * @param index the block's position in the message
     */
    record ContentBlockStop(String type, int index) implements AnthropicStreamEvent {
        ContentBlockStop(int index) {
            this("content_block_stop", index);
        }
    }

    /**
     * The message-level news at the end: why it stopped, and the usage.
     *
     * @param type {@code message_delta}
     * @param delta the stop reason
     * @param usage the whole call's token counts
     */
    record MessageDelta(String type, StopDelta delta, AnthropicMessage.Usage usage) implements AnthropicStreamEvent {
        MessageDelta(StopDelta delta, AnthropicMessage.Usage usage) {
            this("message_delta", delta, usage);
        }

        /**
         * Why the answer stopped; both keys are always written, as Anthropic does.
         *
         * @param stopReason Anthropic's stop reason
         * @param stopSequence the matched stop sequence; null, as Converse does not say
         */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public record StopDelta(String stopReason, @Nullable String stopSequence) {}
    }

    /**
     * The stream ends.
     *
     * @param type {@code message_stop}
     */
    record MessageStop(String type) implements AnthropicStreamEvent {
        MessageStop() {
            this("message_stop");
        }
    }
}
