package dev.bedrockgateway.chat;

import java.util.List;

/**
 * The vectors of an {@link EmbeddingRequest}, one for each input in its order.
 *
 * @param vectors the embeddings
 * @param inputTokens the tokens Bedrock counted over every input
 * @param bedrockModelId the model ID Bedrock received
 */
public record Embeddings(List<float[]> vectors, int inputTokens, String bedrockModelId) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
