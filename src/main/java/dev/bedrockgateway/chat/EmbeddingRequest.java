package dev.bedrockgateway.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Texts to embed, in the gateway's core form; every surface that embeds translates to it.
 *
 * @param modelId the model exactly as the caller wrote it (routing decides what Bedrock receives)
 * @param inputs the texts, in order; the answer has one vector for each, in the same order
 * @param dimensions the vector size asked for, or null for the model's default
 * @param purpose what the vectors are for, as Cohere and Nova take it ({@code search_document},
 *     {@code search_query}, {@code classification}, {@code clustering}), or null for documents to search
 */
public record EmbeddingRequest(
        String modelId,
        List<String> inputs,
        @Nullable Integer dimensions,
        @Nullable String purpose) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }
}
