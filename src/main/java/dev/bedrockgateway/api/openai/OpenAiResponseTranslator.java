package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Translates a core response into an OpenAI {@code chat.completion}; pure. */
public final class OpenAiResponseTranslator {

    private OpenAiResponseTranslator() {}

    /**
     * Translates a response.
     *
     * @param response the core answer
     * @param requestedModel the model as the caller wrote it (OpenAI clients expect it back)
     * @param id the completion ID
     * @param created Unix seconds
     */
    public static OpenAiChatCompletion toCompletion(
            ChatResponse response, String requestedModel, String id, long created) {
        List<ContentBlock> content = response.output().content();
        List<OpenAiToolCall> toolCalls = content.stream()
                .filter(block -> block.toolUse() != null)
                .map(block -> OpenAiToolCall.complete(
                        block.toolUse().toolUseId(),
                        block.toolUse().name(),
                        arguments(block.toolUse().input().toString())))
                .toList();
        String text = response.output().text();
        String reasoning = content.stream()
                .filter(block -> block.reasoningContent() != null
                        && block.reasoningContent().reasoningText() != null)
                .map(block -> block.reasoningContent().reasoningText().text())
                .collect(Collectors.joining());
        return new OpenAiChatCompletion(
                id,
                "chat.completion",
                created,
                requestedModel,
                List.of(new OpenAiChatCompletion.Choice(
                        0,
                        new OpenAiChatCompletion.AssistantMessage(
                                "assistant",
                                // OpenAI answers content null, not "", when the model only called tools.
                                text.isEmpty() && !toolCalls.isEmpty() ? null : text,
                                null,
                                toolCalls.isEmpty() ? null : toolCalls,
                                reasoning.isEmpty() ? null : reasoning),
                        finishReason(response.stopReason()),
                        null)),
                usage(response.usage()));
    }

    /** Function arguments as OpenAI sends them: a JSON object in a string, {@code {}} when there are none. */
    static String arguments(@Nullable String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }

    /**
     * OpenAI's usage. Bedrock counts cached prompt tokens apart from {@code inputTokens}; OpenAI counts them
     * inside {@code prompt_tokens} and says how many were cache reads.
     */
    static OpenAiChatCompletion.Usage usage(TokenUsage usage) {
        int cacheRead = Objects.requireNonNullElse(usage.cacheReadInputTokens(), 0);
        int cacheWrite = Objects.requireNonNullElse(usage.cacheWriteInputTokens(), 0);
        int prompt = usage.inputTokens() + cacheRead + cacheWrite;
        boolean cacheReported = usage.cacheReadInputTokens() != null || usage.cacheWriteInputTokens() != null;
        return new OpenAiChatCompletion.Usage(
                prompt,
                usage.outputTokens(),
                prompt + usage.outputTokens(),
                cacheReported ? new OpenAiChatCompletion.PromptTokensDetails(cacheRead) : null);
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
