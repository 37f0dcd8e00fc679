package dev.bedrockgateway.routing;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Some of a model's capabilities, as an operator sets them in {@code gateway.routing.model-capabilities} or as
 * Bedrock's ListFoundationModels reports them; an unset field leaves what is known. Operators' overrides win over
 * both discovery and the built-in catalog.
 *
 * @param model the foundation-model ID it is about
 * @param apis the APIs it answers on
 * @param streaming whether it streams
 * @param tools whether it takes tools
 * @param streamingTools whether it takes tools while streaming
 * @param images whether it reads images
 * @param documents whether it reads documents
 * @param reasoning how it thinks
 * @param promptCaching whether it takes {@code cachePoint}s
 * @param cacheTtl1h whether a {@code cachePoint} may last an hour
 * @param serviceTiers the service tiers it may be called with
 * @param onDemand whether its plain ID serves on demand
 */
public record CapabilityOverride(
        String model,
        @Nullable Set<ModelApi> apis,
        @Nullable Boolean streaming,
        @Nullable Boolean tools,
        @Nullable Boolean streamingTools,
        @Nullable Boolean images,
        @Nullable Boolean documents,
        @Nullable Reasoning reasoning,
        @Nullable Boolean promptCaching,
        @Nullable Boolean cacheTtl1h,
        @Nullable Set<String> serviceTiers,
        @Nullable Boolean onDemand) {

    /**
     * What a model the catalog knows nothing else about is taken to do: everything, so that only the override's
     * own fields refuse anything.
     */
    static final ModelCapabilities OPEN = new ModelCapabilities(
            Set.of(ModelApi.CONVERSE),
            true,
            true,
            true,
            true,
            true,
            Reasoning.BUDGET,
            true,
            true,
            Set.of("priority", ModelCapabilities.DEFAULT_TIER, "flex"),
            true,
            null);

    /** The capabilities {@code base} has with this override's fields set. */
    public ModelCapabilities applyTo(ModelCapabilities base) {
        return new ModelCapabilities(
                apis != null ? apis : base.apis(),
                or(streaming, base.streaming()),
                or(tools, base.tools()),
                or(streamingTools, base.streamingTools()),
                or(images, base.images()),
                or(documents, base.documents()),
                reasoning != null ? reasoning : base.reasoning(),
                or(promptCaching, base.promptCaching()),
                or(cacheTtl1h, base.cacheTtl1h()),
                serviceTiers != null ? serviceTiers : base.serviceTiers(),
                or(onDemand, base.onDemand()),
                base.embedding());
    }

    private static boolean or(@Nullable Boolean value, boolean otherwise) {
        return value != null ? value : otherwise;
    }
}
