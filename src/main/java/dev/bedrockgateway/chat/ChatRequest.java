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
 * @param inferenceConfig sampling settings, or null for the model's defaults
 * @param additionalModelRequestFields model-specific fields passed through untouched
 * @param additionalModelResponseFieldPaths JSON pointers of model-specific response fields to return
 * @param requestMetadata caller tags that Bedrock records with the invocation
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatRequest(
        String modelId,
        List<Message> messages,
        List<SystemBlock> system,
        @Nullable InferenceConfig inferenceConfig,
        @Nullable JsonNode additionalModelRequestFields,
        List<String> additionalModelResponseFieldPaths,
        Map<String, String> requestMetadata) {

    public ChatRequest {
        messages = List.copyOf(messages);
        system = List.copyOf(system);
        additionalModelResponseFieldPaths = List.copyOf(additionalModelResponseFieldPaths);
        requestMetadata = Map.copyOf(requestMetadata);
    }
}
