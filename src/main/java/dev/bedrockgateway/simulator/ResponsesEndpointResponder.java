package dev.bedrockgateway.simulator;

import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Bedrock's OpenAI-compatible Responses endpoint ({@code POST /v1/responses}, as on
 * {@code bedrock-mantle.<region>.api.aws}) for OpenAI models, named as that endpoint names them: no geography prefix
 * and no version suffix ({@code openai.gpt-5.5}). The answer is a completed {@code response} whose text repeats the
 * input, with word counts as usage; errors come in OpenAI's shape.
 */
final class ResponsesEndpointResponder {

    private final JsonMapper json;

    ResponsesEndpointResponder(JsonMapper json) {
        this.json = json;
    }

    /** The response object, or a {@link FaultException} for a request Bedrock's endpoint refuses. */
    ObjectNode respond(ObjectNode request) {
        String model = request.path("model").asString("");
        if (!model.startsWith("openai.")) {
            throw new FaultException(SimulatorFault.resourceNotFound(
                    "The model '" + model + "' does not exist or is not served on this endpoint"));
        }
        if (model.contains(":") || model.matches("^(us|eu|apac|global|jp|au)\\..*")) {
            throw FaultException.validation("Invalid model '" + model
                    + "': this endpoint names models without a geography prefix or version suffix");
        }
        JsonNode input = request.path("input");
        String text = input.isString() ? input.asString() : input.toString();
        String reply = "Simulated reply to: " + text;
        int inputTokens = words(text) + words(request.path("instructions").asString(""));
        int outputTokens = words(reply);
        String id =
                "resp_" + HexFormat.of().formatHex(Digests.sha256(model + text)).substring(0, 24);
        ObjectNode response = json.createObjectNode()
                .put("id", id)
                .put("object", "response")
                .put("created_at", 0)
                .put("status", "completed")
                .put("model", model);
        response.putArray("output")
                .addObject()
                .put("type", "message")
                .put("id", "msg_" + id.substring(5))
                .put("status", "completed")
                .put("role", "assistant")
                .putArray("content")
                .addObject()
                .put("type", "output_text")
                .put("text", reply)
                .putArray("annotations");
        ObjectNode usage = response.putObject("usage");
        usage.put("input_tokens", inputTokens).putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", outputTokens)
                .putObject("output_tokens_details")
                .put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
        return response;
    }

    private static int words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
