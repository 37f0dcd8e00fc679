package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sampling settings, as Bedrock Converse's {@code inferenceConfig}; an unset field is left to the model.
 *
 * @param maxTokens most tokens to generate
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param stopSequences texts that end generation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceConfig(
        @Nullable Integer maxTokens,
        @Nullable Double temperature,
        @Nullable Double topP,
        @Nullable List<String> stopSequences) {

    /** Whether any setting is present; without one the whole object is left out upstream. */
    public boolean hasSettings() {
        return maxTokens != null || temperature != null || topP != null || stopSequences != null;
    }
}
