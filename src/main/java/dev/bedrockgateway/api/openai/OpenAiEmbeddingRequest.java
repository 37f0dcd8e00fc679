package dev.bedrockgateway.api.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI embeddings request body.
 *
 * @param model the model name as the caller wrote it
 * @param input a text, or a list of texts (token arrays are refused: Bedrock's models take text)
 * @param dimensions the vector size, or null for the model's default
 * @param encodingFormat {@code float} (the default) or {@code base64}
 * @param user the caller's end user; ignored
 * @param inputType what the vectors are for ({@code search_document}, {@code search_query}, {@code classification},
 *     {@code clustering}), a gateway extension Cohere and Nova models read; documents to search when unset
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OpenAiEmbeddingRequest(
        @Nullable String model,
        @Nullable JsonNode input,
        @Nullable Integer dimensions,
        @Nullable String encodingFormat,
        @Nullable String user,
        @Nullable String inputType) {}
