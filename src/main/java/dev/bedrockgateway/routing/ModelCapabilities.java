package dev.bedrockgateway.routing;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a model can do, so the gateway sends each request to the API that serves it and refuses early, with a clear
 * message, what Bedrock would refuse obscurely. A model the catalog does not know has none: nothing is refused
 * for it, and Bedrock decides.
 *
 * @param apis the APIs it answers on
 * @param streaming whether it streams (ConverseStream, InvokeModelWithResponseStream)
 * @param tools whether it takes tools
 * @param streamingTools whether it takes tools while streaming
 * @param images whether it reads images
 * @param documents whether it reads documents
 * @param reasoning how it thinks
 * @param promptCaching whether it takes {@code cachePoint}s
 * @param cacheTtl1h whether a {@code cachePoint} may last an hour ({@code ttl: 1h})
 * @param serviceTiers the service tiers it may be called with ({@code priority}, {@code default}, {@code flex})
 * @param onDemand whether its plain foundation-model ID serves on demand; false: only inference profiles do
 * @param embedding what it takes as an embeddings model, or null when it is not one
 */
public record ModelCapabilities(
        Set<ModelApi> apis,
        boolean streaming,
        boolean tools,
        boolean streamingTools,
        boolean images,
        boolean documents,
        Reasoning reasoning,
        boolean promptCaching,
        boolean cacheTtl1h,
        Set<String> serviceTiers,
        boolean onDemand,
        @Nullable EmbeddingSpec embedding) {

    /** The tier every model serves. */
    public static final String DEFAULT_TIER = "default";

    /** Copies the sets; an embeddings model must say what it takes. */
    public ModelCapabilities {
        apis = Set.copyOf(apis);
        serviceTiers = Set.copyOf(serviceTiers);
        if (apis.contains(ModelApi.EMBEDDINGS) != (embedding != null)) {
            throw new IllegalArgumentException(
                    "a model answers on the embeddings API exactly when it has an embedding");
        }
    }

    /** Whether it answers on this API. */
    public boolean speaks(ModelApi api) {
        return apis.contains(api);
    }

    /** These capabilities with another answer to whether the plain ID serves on demand. */
    public ModelCapabilities withOnDemand(boolean value) {
        return new ModelCapabilities(
                apis,
                streaming,
                tools,
                streamingTools,
                images,
                documents,
                reasoning,
                promptCaching,
                cacheTtl1h,
                serviceTiers,
                value,
                embedding);
    }
}
