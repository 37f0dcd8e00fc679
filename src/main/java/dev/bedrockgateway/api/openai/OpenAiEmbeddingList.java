package dev.bedrockgateway.api.openai;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * OpenAI's embeddings answer.
 *
 * @param object always {@code list}
 * @param data one embedding for each input, in order
 * @param model the model as the caller named it
 * @param usage the tokens counted
 */
public record OpenAiEmbeddingList(String object, List<Item> data, String model, Usage usage) {

    /**
     * One embedding.
     *
     * @param object always {@code embedding}
     * @param index the position of its input
     * @param embedding a list of floats, or their little-endian float32 bytes in base64
     */
    public record Item(String object, int index, Object embedding) {}

    /**
     * Token counts; embeddings have no output.
     *
     * @param promptTokens the input tokens
     * @param totalTokens the same
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(int promptTokens, int totalTokens) {}
}
