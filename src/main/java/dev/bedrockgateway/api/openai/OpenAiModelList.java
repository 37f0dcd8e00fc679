package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bedrockgateway.routing.EmbeddingSpec;
import dev.bedrockgateway.routing.ModelCapabilities;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * OpenAI's model list body.
 *
 * @param object always {@code list}
 * @param data the models
 */
public record OpenAiModelList(String object, List<Model> data) {

    /**
     * One model.
     *
     * @param id the name a caller may send as {@code model}
     * @param object always {@code model}
     * @param created Unix seconds; 0, as Bedrock does not publish release times
     * @param ownedBy the model's provider
     * @param bedrockModelId the model ID or inference profile Bedrock receives for this name (a gateway extension)
     * @param capabilities what the model can do, or absent when the catalog does not know (a gateway extension)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            String id,
            String object,
            long created,
            String ownedBy,
            String bedrockModelId,
            @Nullable Capabilities capabilities) {}

    /**
     * What a model can do, as the gateway's catalog says.
     *
     * @param apis the APIs it answers on: {@code converse}, {@code invoke-messages}, {@code chat-completions},
     *     {@code responses}, {@code embeddings}
     * @param streaming whether it streams
     * @param tools whether it takes tools
     * @param streamingTools whether it takes tools while streaming
     * @param images whether it reads images
     * @param documents whether it reads documents
     * @param reasoning {@code none}, {@code budget}, {@code adaptive} or {@code always}
     * @param promptCaching whether it takes cache points
     * @param cacheTtl1h whether a cache point may last an hour
     * @param serviceTiers the service tiers it is served at
     * @param onDemand whether its plain model ID serves on demand (false: inference profiles only)
     * @param embeddingDimensions the vector sizes an embeddings model returns, the default first
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capabilities(
            List<String> apis,
            boolean streaming,
            boolean tools,
            boolean streamingTools,
            boolean images,
            boolean documents,
            String reasoning,
            boolean promptCaching,
            @JsonProperty("cache_ttl_1h") boolean cacheTtl1h,
            List<String> serviceTiers,
            boolean onDemand,
            @Nullable List<Integer> embeddingDimensions) {

        /** The catalog's capabilities in this shape, or null for none. */
        static @Nullable Capabilities of(@Nullable ModelCapabilities can) {
            if (can == null) {
                return null;
            }
            EmbeddingSpec embedding = can.embedding();
            return new Capabilities(
                    can.apis().stream()
                            .sorted()
                            .map(api -> api.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList(),
                    can.streaming(),
                    can.tools(),
                    can.streamingTools(),
                    can.images(),
                    can.documents(),
                    can.reasoning().name().toLowerCase(Locale.ROOT),
                    can.promptCaching(),
                    can.cacheTtl1h(),
                    can.serviceTiers().stream().sorted().toList(),
                    can.onDemand(),
                    embedding == null ? null : embedding.dimensions());
        }
    }
}
