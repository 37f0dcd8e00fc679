package dev.bedrockgateway.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Bedrock refuses because of the model rather than the shape of the request, with Bedrock's own answers: a
 * cache point to a model without prompt caching (403), a one-hour cache TTL, lifetimes growing from tools to system
 * to messages, tools, tools while streaming, images, budgeted thinking to an adaptive-only model and a service
 * tier the model lacks (400). Models and their capabilities are read from the gateway's {@code model-catalog.json}
 * (as data: the simulator shares no code with the gateway), so tests can show the gateway refuses the same requests
 * earlier and more clearly. A model the file does not name is refused nothing, like an ARN.
 */
final class CapabilityRules {

    private static final String CATALOG = "model-catalog.json";
    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    private final Map<String, JsonNode> byModel;
    private final ObjectNode foundationModels;

    CapabilityRules(JsonMapper json) {
        this.byModel = load(json);
        this.foundationModels = summaries(json);
    }

    /**
     * Bedrock's control-plane ListFoundationModels answer ({@code GET /foundation-models}) for the models of the
     * catalog file: modalities, streaming and inference types as each one's capabilities and {@code onDemand} say.
     */
    ObjectNode foundationModels() {
        return foundationModels;
    }

    private ObjectNode summaries(JsonMapper json) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode summaries = answer.putArray("modelSummaries");
        try (InputStream in = CapabilityRules.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                return answer;
            }
            for (JsonNode model : json.readTree(in).path("models")) {
                String id = model.path("id").asString();
                JsonNode can = byModel.get(id);
                if (can == null) {
                    continue;
                }
                boolean embeddings = can.path("embedding").isObject();
                ObjectNode summary = summaries
                        .addObject()
                        .put("modelArn", "arn:aws:bedrock:us-east-1::foundation-model/" + id)
                        .put("modelId", id)
                        .put("providerName", model.path("provider").asString())
                        .put("responseStreamingSupported", can.path("streaming").asBoolean());
                ArrayNode input = summary.putArray("inputModalities").add("TEXT");
                if (can.path("images").asBoolean()) {
                    input.add("IMAGE");
                }
                summary.putArray("outputModalities").add(embeddings ? "EMBEDDING" : "TEXT");
                summary.putArray("inferenceTypesSupported")
                        .add(model.path("onDemand").asBoolean(true) ? "ON_DEMAND" : "INFERENCE_PROFILE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer;
    }

    /** Throws the {@link FaultException} Bedrock would for this model, if any. */
    void check(String modelId, JsonNode request, boolean streaming) {
        JsonNode can = byModel.get(baseId(modelId));
        if (can == null) {
            return;
        }
        String tier = request.path("serviceTier").path("type").asString("");
        if (!tier.isEmpty() && !"default".equals(tier) && !contains(can.path("serviceTiers"), tier)) {
            throw FaultException.validation("The provided service tier (" + tier + ") is not supported for this"
                    + " model. Check the supported service tiers for the model and try again.");
        }
        if (request.path("toolConfig").path("tools").size() > 0) {
            if (!can.path("tools").asBoolean()) {
                throw FaultException.validation("This model doesn't support tool use.");
            }
            if (streaming && !can.path("streamingTools").asBoolean()) {
                throw FaultException.validation("This model doesn't support tool use in streaming mode.");
            }
        }
        JsonNode thinking = request.path("additionalModelRequestFields").path("thinking");
        if ("adaptive".equals(can.path("reasoning").asString())
                && "enabled".equals(thinking.path("type").asString())) {
            throw FaultException.modelError("thinking.type.enabled is not supported for this model. Use"
                    + " thinking.type.adaptive and output_config.effort to control thinking behavior.");
        }
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.has("image") && !can.path("images").asBoolean()) {
                    throw FaultException.validation(
                            "This model doesn't support the image content block that you provided.");
                }
            }
        }
        checkCachePoints(request, can);
    }

    private static void checkCachePoints(JsonNode request, JsonNode can) {
        List<JsonNode> sections =
                List.of(request.path("toolConfig").path("tools"), request.path("system"), request.path("messages"));
        boolean shortSeen = false;
        for (JsonNode section : sections) {
            for (JsonNode entry : section) {
                for (JsonNode block : entry.has("content") ? entry.path("content") : List.of(entry)) {
                    JsonNode point = block.get("cachePoint");
                    if (point == null) {
                        continue;
                    }
                    if (!can.path("promptCaching").asBoolean()) {
                        throw new FaultException(SimulatorFault.accessDenied("You invoked an unsupported model or"
                                + " your request did not allow prompt caching. See the documentation for more"
                                + " information."));
                    }
                    boolean oneHour = "1h".equals(point.path("ttl").asString(""));
                    if (oneHour && !can.path("cacheTtl1h").asBoolean()) {
                        throw FaultException.validation("The model does not support the TTL '1h' for prompt caching.");
                    }
                    if (oneHour && shortSeen) {
                        throw FaultException.validation("Cache TTL values must be in non-increasing order across"
                                + " tools, system, and messages.");
                    }
                    shortSeen |= !oneHour;
                }
            }
        }
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.asString())) {
                return true;
            }
        }
        return false;
    }

    private static String baseId(String modelId) {
        int dot = modelId.indexOf('.');
        return dot > 0 && GEOGRAPHIES.contains(modelId.substring(0, dot)) ? modelId.substring(dot + 1) : modelId;
    }

    private static Map<String, JsonNode> load(JsonMapper json) {
        try (InputStream in = CapabilityRules.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                return Map.of();
            }
            JsonNode file = json.readTree(in);
            Map<String, JsonNode> byModel = new HashMap<>();
            for (JsonNode model : file.path("models")) {
                @Nullable JsonNode can = file.path("capabilitySets")
                        .get(model.path("capabilities").asString(""));
                if (can != null) {
                    byModel.put(model.path("id").asString(), can);
                }
            }
            return Map.copyOf(byModel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
