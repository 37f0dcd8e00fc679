package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.EmbeddingSpec;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The InvokeModel bodies of Bedrock's embeddings models and the vectors in their answers; pure. Each family reads its
 * own body: Titan one {@code inputText}, Cohere a list of {@code texts}, Nova one {@code singleEmbeddingParams}.
 */
final class EmbeddingBodies {

    private EmbeddingBodies() {}

    /** The body embedding {@code inputs} (at most the model's batch) at {@code dimensions}. */
    static byte[] body(
            JsonMapper json, EmbeddingSpec spec, List<String> inputs, int dimensions, @Nullable String purpose) {
        ObjectNode body = json.createObjectNode();
        switch (spec.body()) {
            case TITAN ->
                body.put("inputText", inputs.get(0))
                        .put("dimensions", dimensions)
                        .put("normalize", true);
            case COHERE -> {
                ArrayNode texts = body.putArray("texts");
                inputs.forEach(texts::add);
                body.put("input_type", purpose == null ? "search_document" : purpose);
                body.putArray("embedding_types").add("float");
                if (spec.dimensions().size() > 1) {
                    body.put("output_dimension", dimensions);
                }
            }
            case NOVA -> {
                body.put("taskType", "SINGLE_EMBEDDING");
                ObjectNode params = body.putObject("singleEmbeddingParams");
                params.put("embeddingPurpose", novaPurpose(purpose));
                params.put("embeddingDimension", dimensions);
                params.putObject("text").put("truncationMode", "END").put("value", inputs.get(0));
            }
        }
        return json.writeValueAsBytes(body);
    }

    /**
     * The vectors of an answer, in input order.
     *
     * @throws GatewayException 502 when the answer is not the model's shape or holds another number of vectors
     */
    static List<float[]> vectors(JsonMapper json, EmbeddingSpec spec, byte[] answer, int expected) {
        JsonNode root;
        try {
            root = json.readTree(answer);
        } catch (JacksonException e) {
            throw unreadable("is not JSON");
        }
        List<float[]> vectors = new ArrayList<>(expected);
        switch (spec.body()) {
            case TITAN -> vectors.add(floats(root.path("embedding")));
            case COHERE -> {
                JsonNode embeddings = root.path("embeddings");
                // With embedding_types Cohere answers {"float": [...]}; without, a bare list.
                for (JsonNode vector : embeddings.isObject() ? embeddings.path("float") : embeddings) {
                    vectors.add(floats(vector));
                }
            }
            case NOVA -> {
                for (JsonNode embedding : root.path("embeddings")) {
                    vectors.add(floats(embedding.path("embedding")));
                }
            }
        }
        if (vectors.size() != expected) {
            throw unreadable("holds " + vectors.size() + " vectors for " + expected + " inputs");
        }
        return vectors;
    }

    /** The input tokens an answer reports in its body (Titan does), or -1. */
    static int bodyTokens(JsonMapper json, byte[] answer) {
        try {
            return json.readTree(answer).path("inputTextTokenCount").asInt(-1);
        } catch (JacksonException e) {
            return -1;
        }
    }

    private static String novaPurpose(@Nullable String purpose) {
        if (purpose == null || "search_document".equals(purpose)) {
            return "GENERIC_INDEX";
        }
        return switch (purpose) {
            case "search_query" -> "TEXT_RETRIEVAL";
            case "classification" -> "CLASSIFICATION";
            default -> "CLUSTERING";
        };
    }

    private static float[] floats(JsonNode vector) {
        if (!vector.isArray() || vector.isEmpty()) {
            throw unreadable("has a vector that is not a list of numbers");
        }
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) vector.get(i).asDouble();
        }
        return values;
    }

    private static GatewayException unreadable(String what) {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "Bedrock's embeddings answer " + what);
    }
}
