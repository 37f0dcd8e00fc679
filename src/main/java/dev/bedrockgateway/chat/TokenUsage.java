package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of one call, as Bedrock reports them.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens generated tokens
 * @param totalTokens their sum as reported upstream
 * @param cacheReadInputTokens prompt tokens read from the prompt cache, if reported
 * @param cacheWriteInputTokens prompt tokens written to the prompt cache, if reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUsage(
        int inputTokens,
        int outputTokens,
        int totalTokens,
        @Nullable Integer cacheReadInputTokens,
        @Nullable Integer cacheWriteInputTokens) {}
