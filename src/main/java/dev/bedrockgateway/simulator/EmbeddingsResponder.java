package dev.bedrockgateway.simulator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers InvokeModel for Bedrock's embeddings models with each family's own body, checked as Bedrock checks it:
 * Amazon Titan Text Embeddings V2 ({@code inputText}, {@code dimensions} 256, 512 or 1024, at most 50,000
 * characters), Cohere Embed v3 and v4 ({@code texts}, 1 to 96 of them, {@code input_type} required, 2,048 characters
 * each on v3) and Nova 2 multimodal embeddings ({@code SINGLE_EMBEDDING} of one text, 256, 384, 1024 or 3072
 * dimensions). Vectors are derived from the text's digest, so the same text always gets the same unit vector and
 * different texts differ; the input token count is the text's words.
 */
final class EmbeddingsResponder {

    private static final Set<Integer> TITAN_DIMENSIONS = Set.of(256, 512, 1024);
    private static final Set<Integer> NOVA_DIMENSIONS = Set.of(256, 384, 1024, 3072);
    private static final Set<Integer> COHERE_4_DIMENSIONS = Set.of(256, 512, 1024, 1536);
    private static final Set<String> COHERE_INPUT_TYPES =
            Set.of("search_document", "search_query", "classification", "clustering");

    private final JsonMapper json;

    EmbeddingsResponder(JsonMapper json) {
        this.json = json;
    }

    /** Whether the model is an embeddings model this responder knows. */
    static boolean handles(String modelId) {
        return modelId.contains("amazon.titan-embed-text-v2")
                || modelId.contains("cohere.embed-")
                || modelId.contains("nova-2-multimodal-embeddings");
    }

    /** The answer body and its token-count header. */
    InvokeModelResponder.Invoked invoke(String modelId, ObjectNode request) {
        ObjectNode response = json.createObjectNode();
        int tokens;
        if (modelId.contains("amazon.titan-embed")) {
            String text = text(request.get("inputText"), "inputText", 50_000);
            int dimensions = request.path("dimensions").asInt(1024);
            if (!TITAN_DIMENSIONS.contains(dimensions)) {
                throw FaultException.malformed("#/dimensions: " + dimensions + " is not a valid enum value");
            }
            tokens = words(text);
            response.set("embedding", vector(text, dimensions));
            response.put("inputTextTokenCount", tokens);
        } else if (modelId.contains("cohere.embed-")) {
            boolean v4 = modelId.contains("embed-v4");
            JsonNode texts = request.get("texts");
            if (texts == null || !texts.isArray() || texts.isEmpty() || texts.size() > 96) {
                throw FaultException.malformed("#/texts: expected between 1 and 96 texts");
            }
            String inputType = request.path("input_type").asString("");
            if (!COHERE_INPUT_TYPES.contains(inputType)) {
                throw FaultException.malformed("#: required key [input_type] not found or not a valid value");
            }
            int dimensions = v4 ? request.path("output_dimension").asInt(1536) : 1024;
            if (v4 && !COHERE_4_DIMENSIONS.contains(dimensions)) {
                throw FaultException.malformed("#/output_dimension: " + dimensions + " is not a valid enum value");
            }
            ArrayNode vectors = response.putObject("embeddings").putArray("float");
            List<String> echoed = new ArrayList<>();
            tokens = 0;
            for (JsonNode item : texts) {
                String text = text(item, "texts", v4 ? 500_000 : 2_048);
                tokens += words(text);
                vectors.add(vector(text, dimensions));
                echoed.add(text);
            }
            response.put(
                    "id",
                    HexFormat.of()
                            .formatHex(Digests.sha256(String.join("\n", echoed)))
                            .substring(0, 32));
            response.put("response_type", "embeddings_by_type");
            ArrayNode echo = response.putArray("texts");
            echoed.forEach(echo::add);
        } else {
            if (!"SINGLE_EMBEDDING".equals(request.path("taskType").asString(""))) {
                throw FaultException.malformed("#/taskType: expected SINGLE_EMBEDDING");
            }
            JsonNode params = request.path("singleEmbeddingParams");
            int dimensions = params.path("embeddingDimension").asInt(3072);
            if (!NOVA_DIMENSIONS.contains(dimensions)) {
                throw FaultException.malformed(
                        "#/singleEmbeddingParams/embeddingDimension: " + dimensions + " is not a valid enum value");
            }
            String text = text(params.path("text").get("value"), "singleEmbeddingParams.text.value", 50_000);
            tokens = words(text);
            response.putArray("embeddings")
                    .addObject()
                    .put("embeddingType", "TEXT")
                    .set("embedding", vector(text, dimensions));
        }
        return new InvokeModelResponder.Invoked(
                json.writeValueAsBytes(response),
                new HashMap<>(Map.of(InvokeModelResponder.INPUT_TOKENS_HEADER, Integer.toString(tokens))));
    }

    private static String text(JsonNode value, String field, int maxChars) {
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw FaultException.malformed("#/" + field + ": expected a non-empty string");
        }
        if (value.asString().length() > maxChars) {
            throw FaultException.malformed("#/" + field + ": expected maxLength: " + maxChars + ", actual: "
                    + value.asString().length());
        }
        return value.asString();
    }

    private static int words(String text) {
        return Math.max(1, text.trim().split("\\s+").length);
    }

    /** A unit vector of this size drawn from the text's digest. */
    private ArrayNode vector(String text, int dimensions) {
        SplittableRandom random =
                new SplittableRandom(ByteBuffer.wrap(Digests.sha256(text)).getLong());
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble(-1, 1);
            norm += values[i] * values[i];
        }
        ArrayNode vector = json.createArrayNode();
        double length = Math.sqrt(norm);
        for (double value : values) {
            vector.add((float) (value / length));
        }
        return vector;
    }
}
