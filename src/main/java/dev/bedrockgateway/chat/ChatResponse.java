package dev.bedrockgateway.chat;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A complete (non-streamed) answer in the core, Converse-shaped form.
 *
 * @param bedrockModelId the model ID the gateway actually sent to Bedrock
 * @param output the assistant's message
 * @param stopReason Converse stop reason as Bedrock sent it (unknown values are kept, not rejected)
 * @param usage token counts
 * @param latencyMs Bedrock's own latency figure
 * @param additionalModelResponseFields model-specific fields the caller asked for
 */
public record ChatResponse(
        String bedrockModelId,
        Message output,
        String stopReason,
        TokenUsage usage,
        long latencyMs,
        @Nullable JsonNode additionalModelResponseFields) {}
