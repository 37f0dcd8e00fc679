package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates core stream events into Anthropic's stream events, in Anthropic's order: {@code message_start}, per
 * block {@code content_block_start}, deltas and {@code content_block_stop}, then {@code message_delta} and
 * {@code message_stop}. One instance per stream; no I/O, events must arrive in stream order.
 *
 * <p>Where the two differ, the translator bridges: Converse starts only tool-use blocks, so a text or reasoning
 * block is started on its first delta; Anthropic numbers blocks 0, 1, 2... whatever indices Converse used; and
 * Converse reports usage after it stops, so the stop reason is held until the usage arrives, because
 * {@code message_delta} carries both and Anthropic clients read the usage there.
 */
final class AnthropicStreamTranslator {

    private final String id;
    private final String model;
    private boolean started;
    private boolean ended;
    private int nextIndex;
    // The open Anthropic block: its index, the Converse block it comes from, and its type (null when none is open).
    private int openIndex;
    private int openSource;
    private @Nullable String openType;
    private @Nullable String stopReason;
    private @Nullable TokenUsage usage;

    /**
     * Starts a stream.
     *
     * @param id the message ID, see {@link AnthropicResponseTranslator#newMessageId()}
     * @param model the model as the caller wrote it
     */
    AnthropicStreamTranslator(String id, String model) {
        this.id = id;
        this.model = model;
    }

    /** The Anthropic events for one core event: often one, sometimes none or several. */
    List<AnthropicStreamEvent> translate(ChatStreamEvent event) {
        List<AnthropicStreamEvent> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        start(out);
        // Java 17 has no pattern matching in switch, hence the chain.
        if (event instanceof ChatStreamEvent.ContentBlockStart start) {
            ChatStreamEvent.ContentBlockStart.ToolUseStart toolUse =
                    start.start().toolUse();
            open(
                    out,
                    start.contentBlockIndex(),
                    "tool_use",
                    AnthropicContentBlock.toolUseStart(toolUse.toolUseId(), toolUse.name()));
        } else if (event instanceof ChatStreamEvent.ContentBlockDelta delta) {
            delta(out, delta.contentBlockIndex(), delta.delta());
        } else if (event instanceof ChatStreamEvent.ContentBlockStop stop) {
            if (openType != null && openSource == stop.contentBlockIndex()) {
                close(out);
            }
        } else if (event instanceof ChatStreamEvent.MessageStop stop) {
            close(out);
            String reason = AnthropicResponseTranslator.stopReason(stop.stopReason());
            stopReason = reason;
            if (usage != null) {
                end(out, reason);
            }
        } else if (event instanceof ChatStreamEvent.Metadata metadata) {
            usage = metadata.usage();
            String reason = stopReason;
            if (reason != null) {
                end(out, reason);
            }
        }
        // MessageStart has already been answered by start(out).
        return out;
    }

    /**
     * The events that end a stream that completed without saying all it should (no usage, or no stop at all):
     * the open block's stop, {@code message_delta} with what is known (no usage counts as zero, an unknown stop
     * reason as {@code end_turn}) and {@code message_stop}. Nothing once the stream has ended.
     */
    List<AnthropicStreamEvent> finish() {
        List<AnthropicStreamEvent> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        start(out);
        close(out);
        end(out, stopReason == null ? "end_turn" : stopReason);
        return out;
    }

    /** The payload of the {@code error} event that ends a stream which fails after it started. */
    AnthropicError error(GatewayException failure) {
        return AnthropicError.of(failure);
    }

    private void start(List<AnthropicStreamEvent> out) {
        if (!started) {
            started = true;
            out.add(new AnthropicStreamEvent.MessageStart(new AnthropicMessage(
                    id, "message", "assistant", model, List.of(), null, null, AnthropicMessage.Usage.NONE)));
        }
    }

    private void delta(List<AnthropicStreamEvent> out, int source, ChatStreamEvent.ContentBlockDelta.Delta delta) {
        if (delta.text() != null) {
            ensureOpen(out, source, "text", AnthropicContentBlock.text(""));
            out.add(new AnthropicStreamEvent.ContentBlockDelta(
                    openIndex, AnthropicStreamEvent.ContentBlockDelta.Delta.text(delta.text())));
        } else if (delta.toolUse() != null) {
            // A tool call's ID and name come only with its start; input without one has nowhere to go.
            if ("tool_use".equals(openType) && openSource == source) {
                out.add(new AnthropicStreamEvent.ContentBlockDelta(
                        openIndex,
                        AnthropicStreamEvent.ContentBlockDelta.Delta.inputJson(
                                delta.toolUse().input())));
            }
        } else if (delta.reasoningContent() != null) {
            reasoning(out, source, delta.reasoningContent());
        }
    }

    private void reasoning(
            List<AnthropicStreamEvent> out, int source, ChatStreamEvent.ContentBlockDelta.ReasoningDelta reasoning) {
        if (reasoning.text() != null) {
            ensureOpen(out, source, "thinking", AnthropicContentBlock.thinking("", ""));
            out.add(new AnthropicStreamEvent.ContentBlockDelta(
                    openIndex, AnthropicStreamEvent.ContentBlockDelta.Delta.thinking(reasoning.text())));
        } else if (reasoning.signature() != null) {
            ensureOpen(out, source, "thinking", AnthropicContentBlock.thinking("", ""));
            out.add(new AnthropicStreamEvent.ContentBlockDelta(
                    openIndex, AnthropicStreamEvent.ContentBlockDelta.Delta.signature(reasoning.signature())));
        } else if (reasoning.redactedContent() != null) {
            // Anthropic sends redacted reasoning whole, in its block's start; a second piece gets its own block.
            open(
                    out,
                    source,
                    "redacted_thinking",
                    AnthropicContentBlock.redactedThinking(
                            Base64.getEncoder().encodeToString(reasoning.redactedContent())));
        }
    }

    /** Starts a block for a delta unless this Converse block's Anthropic block of that type is already open. */
    private void ensureOpen(List<AnthropicStreamEvent> out, int source, String type, AnthropicContentBlock empty) {
        if (!type.equals(openType) || openSource != source) {
            open(out, source, type, empty);
        }
    }

    private void open(List<AnthropicStreamEvent> out, int source, String type, AnthropicContentBlock block) {
        // Anthropic blocks never overlap: one still open (its stop never came) ends before the next starts.
        close(out);
        openIndex = nextIndex++;
        openSource = source;
        openType = type;
        out.add(new AnthropicStreamEvent.ContentBlockStart(openIndex, block));
    }

    private void close(List<AnthropicStreamEvent> out) {
        if (openType != null) {
            out.add(new AnthropicStreamEvent.ContentBlockStop(openIndex));
            openType = null;
        }
    }

    private void end(List<AnthropicStreamEvent> out, String reason) {
        ended = true;
        out.add(new AnthropicStreamEvent.MessageDelta(
                new AnthropicStreamEvent.MessageDelta.StopDelta(reason, null),
                usage == null ? AnthropicMessage.Usage.NONE : AnthropicResponseTranslator.usage(usage)));
        out.add(new AnthropicStreamEvent.MessageStop());
    }
}
