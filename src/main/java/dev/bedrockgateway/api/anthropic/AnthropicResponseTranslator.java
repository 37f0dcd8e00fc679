package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.RandomIds;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** Translates a core response into an Anthropic Messages response; pure. */
public final class AnthropicResponseTranslator {

    private AnthropicResponseTranslator() {}

    /** A new message ID in Anthropic's form, {@code msg_} and 32 hex digits. */
    public static String newMessageId() {
        return "msg_" + RandomIds.uuid().replace("-", "");
    }

    /**
     * Translates a response.
     *
     * @param response the core answer
     * @param requestedModel the model as the caller wrote it (Anthropic clients expect it back)
     * @param id the message ID, see {@link #newMessageId()}
     */
    public static AnthropicMessage toMessage(ChatResponse response, String requestedModel, String id) {
        List<AnthropicContentBlock> content = new ArrayList<>();
        for (ContentBlock block : response.output().content()) {
            if (block.text() != null) {
                content.add(AnthropicContentBlock.text(block.text()));
            } else if (block.toolUse() != null) {
                content.add(AnthropicContentBlock.toolUse(
                        block.toolUse().toolUseId(),
                        block.toolUse().name(),
                        block.toolUse().input()));
            } else if (block.reasoningContent() != null) {
                content.add(reasoning(block.reasoningContent()));
            }
            // An assistant's answer holds nothing else Converse could return (media, results and cache points are
            // what callers send).
        }
        return new AnthropicMessage(
                id,
                "message",
                "assistant",
                requestedModel,
                content,
                stopReason(response.stopReason()),
                null,
                usage(response.usage()));
    }

    private static AnthropicContentBlock reasoning(ReasoningBlock reasoning) {
        ReasoningBlock.ReasoningText text = reasoning.reasoningText();
        if (text != null) {
            // Anthropic always sends a signature; a model that signs nothing gets an empty one, as it streams.
            return AnthropicContentBlock.thinking(text.text(), Objects.requireNonNullElse(text.signature(), ""));
        }
        byte[] redacted = Objects.requireNonNullElse(reasoning.redactedContent(), new byte[0]);
        return AnthropicContentBlock.redactedThinking(Base64.getEncoder().encodeToString(redacted));
    }

    /** Anthropic's usage; Converse and Anthropic both count cached prompt tokens apart from the input tokens. */
    static AnthropicMessage.Usage usage(TokenUsage usage) {
        return new AnthropicMessage.Usage(
                usage.inputTokens(),
                Objects.requireNonNullElse(usage.cacheWriteInputTokens(), 0),
                Objects.requireNonNullElse(usage.cacheReadInputTokens(), 0),
                usage.outputTokens());
    }

    /**
     * Maps a Converse stop reason to Anthropic's. A guardrail or content filter is what Anthropic calls a
     * refusal; an unknown reason reads as a normal end of turn.
     */
    static String stopReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "tool_use", "max_tokens", "stop_sequence", "model_context_window_exceeded" -> stopReason;
            case "guardrail_intervened", "content_filtered" -> "refusal";
            default -> "end_turn";
        };
    }
}
