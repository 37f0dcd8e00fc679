package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI {@code chat.completion} response body.
 *
 * @param id completion ID
 * @param object always {@code chat.completion}
 * @param created Unix seconds
 * @param model the model as the caller wrote it
 * @param choices one choice: Bedrock returns a single answer
 * @param usage token counts
 */
public record OpenAiChatCompletion(
        String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    /**
     * One answer.
     *
     * @param index always 0
     * @param message the assistant message
     * @param finishReason why generation stopped, in OpenAI's words
     * @param logprobs always null; present because OpenAI clients expect the key
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(
            int index,
            AssistantMessage message,
            String finishReason,
            @Nullable Object logprobs) {}

    /**
     * The assistant's message.
     *
     * @param role always {@code assistant}
     * @param content the answer text
     * @param refusal always null; present because OpenAI clients expect the key
     * @param toolCalls the function calls the model made, if any
     * @param reasoningContent the model's reasoning, if it reasoned (the de facto field of DeepSeek, vLLM and LiteLLM)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AssistantMessage(
            String role,
            @Nullable String content,
            @Nullable String refusal,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<OpenAiToolCall> toolCalls,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reasoningContent) {}

    /**
     * Token counts.
     *
     * @param promptTokens input tokens
     * @param completionTokens output tokens
     * @param totalTokens their sum
     * @param promptTokensDetails how many prompt tokens came from the prompt cache, when Bedrock says
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(
            int promptTokens,
            int completionTokens,
            int totalTokens,
            @Nullable PromptTokensDetails promptTokensDetails) {}

    /**
     * Prompt-token details.
     *
     * @param cachedTokens prompt tokens read from the cache
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PromptTokensDetails(int cachedTokens) {}
}
