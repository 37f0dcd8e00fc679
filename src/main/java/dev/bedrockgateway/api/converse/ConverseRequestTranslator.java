package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.error.GatewayException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates a Converse-style JSON body into the core request. The core model is Converse-shaped, so
 * this is mostly binding plus the checks Bedrock itself would make: unknown keys are refused, as
 * Bedrock refuses them, rather than silently dropped.
 */
public final class ConverseRequestTranslator {

    private static final Set<String> WIRE_KEYS = Set.of(
            "messages",
            "system",
            "toolConfig",
            "inferenceConfig",
            "additionalModelRequestFields",
            "additionalModelResponseFieldPaths",
            "requestMetadata",
            "serviceTier");
    private static final Set<String> CHAT_KEYS = Set.of(
            "modelId",
            "stream",
            "messages",
            "system",
            "toolConfig",
            "inferenceConfig",
            "additionalModelRequestFields",
            "additionalModelResponseFieldPaths",
            "requestMetadata",
            "serviceTier");
    // Members the core carries; video, guardContent and the like are refused by name rather than dropped.
    private static final Set<String> BLOCK_MEMBERS = new LinkedHashSet<>(
            List.of("text", "image", "document", "toolUse", "toolResult", "reasoningContent", "cachePoint"));
    private static final Set<String> SYSTEM_MEMBERS = new LinkedHashSet<>(List.of("text", "cachePoint"));

    private ConverseRequestTranslator() {}

    /** Translates a Bedrock-wire body, whose model comes from the URL path. */
    public static ChatRequest fromWire(String modelId, JsonNode body, JsonMapper jsonMapper) {
        return translate(modelId, body, WIRE_KEYS, jsonMapper);
    }

    /** Whether a {@code /v1/chat} Converse-style body asks for a stream. */
    public static boolean wantsStream(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    /** Translates a {@code /v1/chat} Converse-style body, whose model is its {@code modelId} field. */
    public static ChatRequest fromChat(JsonNode body, JsonMapper jsonMapper) {
        return translate(null, body, CHAT_KEYS, jsonMapper);
    }

    private static ChatRequest translate(
            @Nullable String pathModelId, JsonNode body, Set<String> allowed, JsonMapper jsonMapper) {
        if (!body.isObject()) {
            throw GatewayException.invalid(null, "The request body must be a JSON object");
        }
        for (String key : body.propertyNames()) {
            if (!allowed.contains(key)) {
                throw GatewayException.invalid(key, "extraneous key [" + key + "] is not permitted");
            }
        }
        checkUnions(body);
        // Strict binding below the top level too: Bedrock refuses unknown keys, so silently dropping one
        // would change what the caller asked for.
        ConverseRequestBody request = jsonMapper
                .readerFor(ConverseRequestBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(body);
        if (request.messages() == null || request.messages().isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one message");
        }
        return new ChatRequest(
                Objects.requireNonNullElse(pathModelId != null ? pathModelId : request.modelId(), ""),
                request.messages(),
                Objects.requireNonNullElse(request.system(), List.of()),
                request.toolConfig(),
                request.inferenceConfig(),
                request.additionalModelRequestFields(),
                Objects.requireNonNullElse(request.additionalModelResponseFieldPaths(), List.of()),
                Objects.requireNonNullElse(request.requestMetadata(), Map.of()),
                null,
                request.serviceTier() == null ? null : request.serviceTier().type());
    }

    // Content blocks are unions: exactly one member, and one this gateway can carry to Bedrock.
    private static void checkUnions(JsonNode body) {
        JsonNode messages = list(body, "messages", "messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if (content.isMissingNode() || content.isNull()) {
                throw GatewayException.invalid(
                        "messages[" + i + "].content", "messages[" + i + "].content is required");
            }
            content = list(messages.get(i), "content", "messages[" + i + "].content");
            for (int j = 0; j < content.size(); j++) {
                checkUnion(content.get(j), "messages[" + i + "].content[" + j + "]", BLOCK_MEMBERS);
            }
        }
        JsonNode system = list(body, "system", "system");
        for (int i = 0; i < system.size(); i++) {
            checkUnion(system.get(i), "system[" + i + "]", SYSTEM_MEMBERS);
        }
    }

    /** The named member if it is a list; a missing or null member reads as an empty list. */
    private static JsonNode list(JsonNode parent, String name, String field) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull() || node.isArray()) {
            return node;
        }
        throw GatewayException.invalid(field, field + " must be a list");
    }

    private static void checkUnion(JsonNode block, String field, Set<String> supported) {
        if (!block.isObject() || block.size() != 1) {
            throw GatewayException.invalid(
                    field, field + " must be an object with exactly one member, e.g. {\"text\":\"...\"}");
        }
        String member = block.propertyNames().iterator().next();
        if (!supported.contains(member)) {
            throw GatewayException.invalid(
                    field, field + " member '" + member + "' is not supported; use " + String.join(", ", supported));
        }
    }
}
