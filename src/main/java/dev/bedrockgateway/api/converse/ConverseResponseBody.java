package dev.bedrockgateway.api.converse;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Converse response body exactly as Bedrock returns it.
 *
 * @param output the union holding the assistant message
 * @param stopReason why generation stopped
 * @param usage token counts
 * @param metrics Bedrock's latency figure
 * @param additionalModelResponseFields model-specific fields the caller asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseResponseBody(
        Output output,
        String stopReason,
        TokenUsage usage,
        Metrics metrics,
        @Nullable JsonNode additionalModelResponseFields) {

    /**
     * The output union.
     *
     * @param message the assistant message
     */
    public record Output(Message message) {}

    /**
     * Call metrics.
     *
     * @param latencyMs Bedrock's latency in milliseconds
     */
    public record Metrics(long latencyMs) {}
}
