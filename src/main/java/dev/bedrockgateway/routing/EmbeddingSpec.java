package dev.bedrockgateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an embeddings model takes, so the gateway can build its body and refuse what it would refuse.
 *
 * @param body the request body the model reads
 * @param maxInputs the most texts one Bedrock call embeds; a longer list is sent in batches of this size
 * @param maxInputChars the longest text, in characters, it accepts
 * @param dimensions the vector sizes it can return, the default first
 */
public record EmbeddingSpec(Body body, int maxInputs, int maxInputChars, List<Integer> dimensions) {

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException when a limit is not positive or no dimension is given
     */
    public EmbeddingSpec {
        dimensions = List.copyOf(dimensions);
        if (maxInputs < 1 || maxInputChars < 1 || dimensions.isEmpty()) {
            throw new IllegalArgumentException(
                    "an embedding model needs maxInputs and maxInputChars above 0 and at least one dimension");
        }
    }

    /** The vector size when the caller asks for none. */
    public int defaultDimensions() {
        return dimensions.get(0);
    }

    /** The families of embeddings bodies Bedrock's InvokeModel takes. */
    public enum Body {
        /** Amazon Titan Text Embeddings: one {@code inputText} a call. */
        @JsonProperty("titan")
        TITAN,
        /** Cohere Embed: a list of {@code texts} a call. */
        @JsonProperty("cohere")
        COHERE,
        /** Amazon Nova multimodal embeddings: one {@code singleEmbeddingParams} a call. */
        @JsonProperty("nova")
        NOVA
    }
}
