package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.routing.ModelApi;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.Reasoning;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Refuses, before the call and naming the field, what the routed model would refuse after it: Bedrock answers a
 * {@code cachePoint} to a model without prompt caching with a bare 403 and a budgeted {@code thinking} to an
 * adaptive-only model with a 400 from deep inside the model. Capabilities come from the catalog; a model it does
 * not know is refused nothing. The cache-TTL order is Bedrock's rule for every model, so it is always checked.
 */
final class CapabilityCheck {

    private CapabilityCheck() {}

    /**
     * Checks a request for the model it routes to.
     *
     * @throws GatewayException 400 naming the first field the model cannot take
     */
    static void check(ChatRequest request, String bedrockModelId, @Nullable ModelCapabilities can, boolean streaming) {
        CacheTtlOrder.check(request);
        if (can == null) {
            return;
        }
        if (!can.speaks(ModelApi.CONVERSE)) {
            throw GatewayException.invalid(
                    "model",
                    named(bedrockModelId)
                            + (can.speaks(ModelApi.EMBEDDINGS)
                                    ? " is an embeddings model; send it to POST /v1/embeddings"
                                    : " does not answer on Bedrock's Converse API; it answers on " + can.apis()));
        }
        if (streaming && !can.streaming()) {
            throw GatewayException.invalid(
                    "stream", named(bedrockModelId) + " does not stream; send the request without stream");
        }
        ToolConfig tools = request.toolConfig();
        if (tools != null && tools.tools().stream().anyMatch(tool -> tool.toolSpec() != null)) {
            if (!can.tools()) {
                throw GatewayException.invalid("tools", named(bedrockModelId) + " does not take tools");
            }
            if (streaming && !can.streamingTools()) {
                throw GatewayException.invalid(
                        "tools",
                        named(bedrockModelId) + " takes tools only without streaming; send the request without stream");
            }
        }
        if (Geographies.baseModelId(bedrockModelId).startsWith("anthropic.")) {
            // thinking is Anthropic's field; other models are passed it untouched and ignore it
            checkThinking(request.additionalModelRequestFields(), can.reasoning(), bedrockModelId);
        }
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                ContentBlock block = content.get(j);
                if (block.image() != null && !can.images()) {
                    String field = "messages[" + i + "].content[" + j + "]";
                    throw GatewayException.invalid(
                            field, field + ": " + named(bedrockModelId) + " does not read images");
                }
                if (block.document() != null && !can.documents()) {
                    String field = "messages[" + i + "].content[" + j + "]";
                    throw GatewayException.invalid(
                            field, field + ": " + named(bedrockModelId) + " does not read documents");
                }
            }
        }
        CacheTtlOrder.forEachPoint(request, (point, field) -> {
            if (!can.promptCaching()) {
                throw GatewayException.invalid(
                        field,
                        field + ": " + named(bedrockModelId) + " has no prompt caching; leave its cache points out");
            }
            if (point.oneHour() && !can.cacheTtl1h()) {
                throw GatewayException.invalid(
                        field + ".ttl",
                        field + ".ttl: " + named(bedrockModelId) + " caches for 5m only; it does not take ttl 1h");
            }
        });
    }

    /** The model as messages name it; built only for a refusal. */
    private static String named(String bedrockModelId) {
        return "model '" + bedrockModelId + "'";
    }

    private static void checkThinking(@Nullable JsonNode fields, Reasoning reasoning, String bedrockModelId) {
        JsonNode thinking = fields == null ? null : fields.get("thinking");
        if (thinking == null || !thinking.isObject()) {
            return;
        }
        String type = thinking.path("type").asString("");
        if (reasoning == Reasoning.NONE && !"disabled".equals(type)) {
            throw GatewayException.invalid("thinking", named(bedrockModelId) + " does not think; leave thinking out");
        }
        if (reasoning == Reasoning.ADAPTIVE && "enabled".equals(type)) {
            throw GatewayException.invalid(
                    "thinking.type",
                    named(bedrockModelId)
                            + " decides how much to think by itself: send thinking.type 'adaptive' (no budget_tokens),"
                            + " or reasoning_effort");
        }
    }
}
