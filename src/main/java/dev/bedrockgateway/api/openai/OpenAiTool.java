package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI tool definition; only {@code function} tools exist in Chat Completions.
 *
 * @param type {@code function}
 * @param function the function
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAiTool(@Nullable String type, @Nullable Function function) {

    /**
     * A callable function.
     *
     * @param name its name
     * @param description what it does, for the model
     * @param parameters the JSON schema of its arguments; none means no arguments
     * @param strict OpenAI's structured-outputs flag; Bedrock has no equivalent, so it is ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(
            @Nullable String name,
            @Nullable String description,
            @Nullable JsonNode parameters,
            @Nullable Boolean strict) {}
}
