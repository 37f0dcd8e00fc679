package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.chat.ToolConfig;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Converse request body as Bedrock defines it, plus {@code modelId} and {@code stream} for
 * {@code /v1/chat}, where the model travels in the body rather than the path.
 *
 * @param modelId the model ({@code /v1/chat} only)
 * @param messages the conversation
 * @param system system prompt blocks
 * @param toolConfig tools the model may call
 * @param inferenceConfig sampling settings
 * @param additionalModelRequestFields model-specific fields, passed through
 * @param additionalModelResponseFieldPaths model-specific response fields to return
 * @param requestMetadata caller tags recorded by Bedrock
 * @param stream whether the caller asked for a stream ({@code /v1/chat} only)
 * @param serviceTier the service tier, {@code {"type": "priority"}}
 */
record ConverseRequestBody(
        @Nullable String modelId,
        @Nullable List<Message> messages,
        @Nullable List<SystemBlock> system,
        @Nullable ToolConfig toolConfig,
        @Nullable InferenceConfig inferenceConfig,
        @Nullable JsonNode additionalModelRequestFields,
        @Nullable List<String> additionalModelResponseFieldPaths,
        @Nullable Map<String, String> requestMetadata,
        @Nullable Boolean stream,
        @Nullable ServiceTier serviceTier) {

    /**
     * Converse's {@code serviceTier}.
     *
     * @param type {@code priority}, {@code default}, {@code flex} or {@code reserved}
     */
    record ServiceTier(@Nullable String type) {}
}
