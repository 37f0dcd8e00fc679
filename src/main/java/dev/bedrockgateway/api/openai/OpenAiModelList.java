package dev.bedrockgateway.api.openai;

import java.util.List;
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
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(String id, String object, long created, String ownedBy, String bedrockModelId) {}
}
