package dev.bedrockgateway.api.anthropic;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Anthropic's model list, one page holding every model.
 *
 * @param data the models
 * @param hasMore always false
 * @param firstId the first model's ID
 * @param lastId the last model's ID
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record AnthropicModelList(
        List<Model> data,
        boolean hasMore,
        @Nullable String firstId,
        @Nullable String lastId) {

    /**
     * One model.
     *
     * @param type always {@code model}
     * @param id its Anthropic API name
     * @param displayName a readable name, e.g. {@code Claude Haiku 4.5}
     * @param createdAt its release date, from the name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Model(String type, String id, String displayName, String createdAt) {}
}
