package dev.bedrockgateway.chat;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bedrock's InvokeModel answer, unchanged: the provider's own JSON and the response headers Bedrock adds that
 * clients read (token counts, latency, performance and service tier).
 *
 * @param body the provider's JSON
 * @param contentType its MIME type
 * @param headers Bedrock's {@code X-Amzn-Bedrock-*} response headers, by name
 * @param usage the tokens Bedrock counted, from those headers, or null where it sent none
 */
public record InvokeResponse(
        byte[] body,
        String contentType,
        Map<String, String> headers,
        @Nullable TokenUsage usage) {}
