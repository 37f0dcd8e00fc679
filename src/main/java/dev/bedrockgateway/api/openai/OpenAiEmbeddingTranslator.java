package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.EmbeddingRequest;
import dev.bedrockgateway.chat.Embeddings;
import dev.bedrockgateway.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Translates OpenAI's embeddings body into the core request and the core's vectors back; pure. */
final class OpenAiEmbeddingTranslator {

    private OpenAiEmbeddingTranslator() {}

    /**
     * The core request.
     *
     * @throws GatewayException 400 naming the field when the body is not OpenAI's shape or asks for what Bedrock lacks
     */
    static EmbeddingRequest toRequest(OpenAiEmbeddingRequest body) {
        if (body.model() == null || body.model().isBlank()) {
            throw GatewayException.invalid("model", "model is required");
        }
        encoding(body.encodingFormat());
        if (body.dimensions() != null && body.dimensions() < 1) {
            throw GatewayException.invalid("dimensions", "dimensions must be at least 1");
        }
        return new EmbeddingRequest(body.model(), inputs(body.input()), body.dimensions(), body.inputType());
    }

    /** The answer in OpenAI's list format, vectors as floats or base64 as the caller asked. */
    static OpenAiEmbeddingList toList(Embeddings embeddings, String model, @Nullable String encodingFormat) {
        boolean base64 = encoding(encodingFormat);
        List<OpenAiEmbeddingList.Item> items =
                new ArrayList<>(embeddings.vectors().size());
        for (int i = 0; i < embeddings.vectors().size(); i++) {
            float[] vector = embeddings.vectors().get(i);
            items.add(new OpenAiEmbeddingList.Item("embedding", i, base64 ? base64(vector) : vector));
        }
        return new OpenAiEmbeddingList(
                "list",
                items,
                model,
                new OpenAiEmbeddingList.Usage(embeddings.inputTokens(), embeddings.inputTokens()));
    }

    private static List<String> inputs(@Nullable JsonNode input) {
        if (input == null || input.isNull()) {
            throw GatewayException.invalid("input", "input is required: a text or a list of texts");
        }
        if (input.isString()) {
            return List.of(input.asString());
        }
        if (!input.isArray()) {
            throw GatewayException.invalid("input", "input must be a text or a list of texts");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isString()) {
                throw GatewayException.invalid(
                        "input",
                        "input[" + i + "] is not a text; token arrays are not supported, as Bedrock's embeddings"
                                + " models take text");
            }
            texts.add(item.asString());
        }
        return texts;
    }

    /** Whether the caller asked for base64. */
    private static boolean encoding(@Nullable String format) {
        if (format == null || "float".equals(format)) {
            return false;
        }
        if ("base64".equals(format)) {
            return true;
        }
        throw GatewayException.invalid(
                "encoding_format", "encoding_format '" + format + "' is not supported; use float or base64");
    }

    /** The vector as OpenAI encodes it: little-endian float32, base64. */
    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
