package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A chat request in the gateway's core, Converse-shaped form. Every API surface translates its own
 * wire format into this record; only the {@code bedrock} package turns it into SDK types.
 *
 * @param modelId the model exactly as the caller wrote it (routing decides what Bedrock receives)
 * @param messages the conversation, oldest first
 * @param system system prompt blocks
 * @param toolConfig the tools the model may call, or null for none
 * @param inferenceConfig sampling settings, or null for the model's defaults
 * @param additionalModelRequestFields model-specific fields passed through untouched
 * @param additionalModelResponseFieldPaths JSON pointers of model-specific response fields to return
 * @param requestMetadata caller tags that Bedrock records with the invocation
 * @param reasoningEffort how hard the model should think, for surfaces that say it abstractly (OpenAI's
 *     {@code reasoning_effort}); turned into model-specific fields once the model is known, or null
 * @param serviceTier Bedrock's service tier ({@code priority}, {@code default}, {@code flex}, {@code reserved}), or
 *     null for the tenant's default
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatRequest(
        String modelId,
        List<Message> messages,
        List<SystemBlock> system,
        @Nullable ToolConfig toolConfig,
        @Nullable InferenceConfig inferenceConfig,
        @Nullable JsonNode additionalModelRequestFields,
        List<String> additionalModelResponseFieldPaths,
        Map<String, String> requestMetadata,
        @Nullable ReasoningEffort reasoningEffort,
        @Nullable String serviceTier) {

    public ChatRequest {
        messages = List.copyOf(messages);
        system = List.copyOf(system);
        additionalModelResponseFieldPaths = List.copyOf(additionalModelResponseFieldPaths);
        requestMetadata = Map.copyOf(requestMetadata);
    }

    /** This request with other model-specific fields and sampling settings. */
    public ChatRequest with(
            @Nullable JsonNode additionalModelRequestFields, @Nullable InferenceConfig inferenceConfig) {
        return new ChatRequest(
                modelId,
                messages,
                system,
                toolConfig,
                inferenceConfig,
                additionalModelRequestFields,
                additionalModelResponseFieldPaths,
                requestMetadata,
                reasoningEffort,
                serviceTier);
    }

    /** This request with another service tier. */
    public ChatRequest withServiceTier(@Nullable String tier) {
        return new ChatRequest(
                modelId,
                messages,
                system,
                toolConfig,
                inferenceConfig,
                additionalModelRequestFields,
                additionalModelResponseFieldPaths,
                requestMetadata,
                reasoningEffort,
                tier);
    }
}
