package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal Amazon Nova InvokeModel schema ({@code messages-v1}), so that a provider other than Anthropic can be
 * tested through InvokeModel. Nova's body is close to Converse's: {@code system} text blocks,
 * {@code messages} with Converse-like content blocks and an optional {@code toolConfig} pass as they are;
 * {@code inferenceConfig.maxTokens} (or the older {@code max_new_tokens}) and {@code stopSequences} become
 * Converse's. The answer is Converse's answer in Nova's envelope: {@code output.message}, {@code stopReason} and
 * {@code usage} with {@code inputTokens}, {@code outputTokens} and {@code totalTokens}. Streamed, each chunk wraps
 * one ConverseStream event under its name ({@code {"messageStart":{...}}}); the last, {@code metadata}, holds the
 * usage and Bedrock's {@code amazon-bedrock-invocationMetrics}.
 */
final class NovaMessages {

    static final String NOVA = "amazon.nova-";

    private static final String SCHEMA_VERSION = "messages-v1";

    private final JsonMapper json;

    NovaMessages(JsonMapper json) {
        this.json = json;
    }

    /** Checks the body and returns the equivalent Converse request. */
    ObjectNode toConverse(ObjectNode body) {
        JsonNode version = body.get("schemaVersion");
        if (version != null && !SCHEMA_VERSION.equals(version.asString(""))) {
            throw FaultException.malformed("#/schemaVersion: " + version + " is not a valid enum value");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw FaultException.malformed("#: required key [messages] not found or empty");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw FaultException.malformed(
                        "#/messages/" + i + "/role: " + message.path("role") + " is not a valid enum value");
            }
            if (!message.path("content").isArray()) {
                throw FaultException.malformed("#/messages/" + i + "/content: expected type: JSONArray");
            }
        }
        ObjectNode converse = json.createObjectNode();
        converse.set("messages", messages);
        if (body.path("system").isArray()) {
            converse.set("system", body.get("system"));
        }
        if (body.path("toolConfig").isObject()) {
            converse.set("toolConfig", body.get("toolConfig"));
        }
        JsonNode config = body.path("inferenceConfig");
        ObjectNode inferenceConfig = converse.putObject("inferenceConfig");
        JsonNode maxTokens = config.has("maxTokens") ? config.get("maxTokens") : config.path("max_new_tokens");
        if (maxTokens.canConvertToInt()) {
            inferenceConfig.put("maxTokens", maxTokens.intValue());
        }
        if (config.path("stopSequences").isArray()) {
            inferenceConfig.set("stopSequences", config.get("stopSequences"));
        }
        return converse;
    }

    /** Nova's response body for a Converse answer. */
    ObjectNode response(ObjectNode converse) {
        ObjectNode response = json.createObjectNode();
        response.set("output", converse.path("output"));
        response.set("stopReason", converse.path("stopReason"));
        response.set("usage", usage(converse.path("usage")));
        return response;
    }

    /** The chunks' events for the ConverseStream events of the same answer. */
    List<StreamEvent> events(List<StreamEvent> converseEvents, ObjectNode converse, ObjectNode invocationMetrics) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent event : converseEvents) {
            if ("metadata".equals(event.type())) {
                continue;
            }
            ObjectNode chunk = json.createObjectNode();
            chunk.set(event.type(), event.payload());
            events.add(new StreamEvent(event.type(), chunk, event.delta()));
        }
        ObjectNode metadata = json.createObjectNode();
        metadata.putObject("metadata").set("usage", usage(converse.path("usage")));
        // Bedrock appends its own metrics to the provider's last event.
        metadata.set("amazon-bedrock-invocationMetrics", invocationMetrics);
        events.add(new StreamEvent("metadata", metadata, false));
        return events;
    }

    private ObjectNode usage(JsonNode usage) {
        ObjectNode nova = json.createObjectNode()
                .put("inputTokens", usage.path("inputTokens").asInt())
                .put("outputTokens", usage.path("outputTokens").asInt())
                .put("totalTokens", usage.path("totalTokens").asInt());
        if (usage.has("cacheReadInputTokens")) {
            nova.put(
                    "cacheReadInputTokenCount",
                    usage.path("cacheReadInputTokens").asInt());
            nova.put(
                    "cacheWriteInputTokenCount",
                    usage.path("cacheWriteInputTokens").asInt());
        }
        return nova;
    }
}
