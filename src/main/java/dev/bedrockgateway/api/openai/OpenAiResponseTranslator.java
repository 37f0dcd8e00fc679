package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;

/** Translates a core response into an OpenAI {@code chat.completion}; pure. */
public final class OpenAiResponseTranslator {

    private OpenAiResponseTranslator() {
    }

    /**
     * Translates a response.
     *
     * @param response the core answer
     * @param requestedModel the model as the caller wrote it (OpenAI clients expect it back)
     * @param id the completion ID
     * @param created Unix seconds
     */
    public static OpenAiChatCompletion toCompletion(ChatResponse response, String requestedModel, String id,
            long created) {
        TokenUsage usage = response.usage();
        return new OpenAiChatCompletion(id, "chat.completion", created, requestedModel,
                List.of(new OpenAiChatCompletion.Choice(0,
                        new OpenAiChatCompletion.AssistantMessage("assistant", response.output().text(), null),
                        finishReason(response.stopReason()), null)),
                new OpenAiChatCompletion.Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens()));
    }

    /** Maps a Converse stop reason to OpenAI's {@code finish_reason}; unknown reasons read as a normal stop. */
    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            default -> "stop";
        };
    }
}
