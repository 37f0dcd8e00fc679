package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.routing.ModelApi;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ModelCatalog;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request path for models Bedrock serves only through its own OpenAI-compatible Responses endpoint: routing for
 * the tenant, its allow-list and limits, retries, fallbacks and breakers as for every call, then the caller's
 * Responses body, under the model name that endpoint knows, to {@link ResponsesEndpoint}. Usage is read from the
 * answer.
 */
@Service
public class ResponsesPassthrough {

    /** That endpoint names models without a version suffix ({@code openai.gpt-oss-120b}, not {@code ...-1:0}). */
    private static final Pattern VERSION = Pattern.compile("(-v?\\d+)?:\\d+$");

    private final ModelGate gate;
    private final ResponsesEndpoint endpoint;
    private final ModelCatalog catalog;
    private final JsonMapper json;

    ResponsesPassthrough(ModelGate gate, ResponsesEndpoint endpoint, ModelCatalog catalog, JsonMapper json) {
        this.gate = gate;
        this.endpoint = endpoint;
        this.catalog = catalog;
        this.json = json;
    }

    /** Whether the model the caller named, routed for its tenant, answers only on Bedrock's Responses endpoint. */
    public boolean servesOnlyResponses(ChatCall call, String requested) {
        if (!catalog.anyResponsesOnly()) {
            return false;
        }
        ModelCapabilities can = catalog.capabilities(gate.route(call, requested).bedrockModelId());
        return can != null && !can.speaks(ModelApi.CONVERSE) && can.speaks(ModelApi.RESPONSES);
    }

    /**
     * Answers a Responses API body in full.
     *
     * @return the response object as Bedrock sent it
     * @throws GatewayException for routing, permission, limit and upstream errors
     */
    public ObjectNode respond(ChatCall call, String requested, ObjectNode body) {
        return SettledCall.run(call, requested, settled -> {
            Upstream route = gate.route(call, requested);
            long estimate = body.toString().length() / 4
                    + body.path("max_output_tokens").asLong(0);
            settled.admitted(gate.admit(call, requested, route, ignored -> estimate, () -> estimate));
            byte[] answer = gate.send(call, requested, route, (target, modelId) -> {
                ObjectNode sent = body.deepCopy();
                sent.put("model", endpointModel(modelId));
                return endpoint.respond(target, json.writeValueAsBytes(sent));
            });
            ObjectNode response = parse(answer);
            JsonNode usage = response.path("usage");
            int input = usage.path("input_tokens").asInt(0);
            int output = usage.path("output_tokens").asInt(0);
            call.usage(new TokenUsage(input, output, input + output, null, null));
            return response;
        });
    }

    /** The model as Bedrock's Responses endpoint names it: no geography prefix, no version suffix. */
    static String endpointModel(String bedrockModelId) {
        return VERSION.matcher(Geographies.baseModelId(bedrockModelId)).replaceFirst("");
    }

    private ObjectNode parse(byte[] answer) {
        try {
            if (json.readTree(answer) instanceof ObjectNode response) {
                return response;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new GatewayException(
                dev.bedrockgateway.error.ErrorKind.UPSTREAM_ERROR,
                "Bedrock's Responses endpoint answered no JSON object");
    }
}
