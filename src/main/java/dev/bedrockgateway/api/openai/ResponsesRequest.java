package dev.bedrockgateway.api.openai;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI Responses API request body. Fields that cannot change Bedrock's answer ({@code user},
 * {@code safety_identifier}, {@code include}, {@code truncation}, ...) are ignored; fields whose meaning the gateway
 * cannot honour are bound only so they can be refused by name.
 *
 * @param model the model name as the caller wrote it
 * @param input a string (one user message) or a list of input items
 * @param instructions a system prompt for this response only
 * @param tools function tools; built-in tools are refused
 * @param toolChoice {@code auto}, {@code none}, {@code required} or {@code {"type":"function","name":...}}
 * @param maxOutputTokens output limit
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param reasoning {@code {"effort": ...}}
 * @param text {@code {"format": {"type": "text"}}}
 * @param metadata caller tags, echoed in the response
 * @param stream whether to answer with server-sent events
 * @param store whether to keep the response so it can be read back or continued (default true)
 * @param previousResponseId the stored response this one continues
 * @param background asynchronous responses; refused
 * @param n several answers; refused
 * @param parallelToolCalls accepted and ignored: Bedrock models decide how many calls to make
 * @param serviceTier {@code auto}, {@code default}, {@code flex} or {@code priority}
 * @param conversation OpenAI's Conversations API; refused
 * @param prompt OpenAI's stored prompt templates; refused
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponsesRequest(
        @Nullable String model,
        @Nullable JsonNode input,
        @Nullable String instructions,
        @Nullable JsonNode tools,
        @Nullable JsonNode toolChoice,
        @Nullable Integer maxOutputTokens,
        @Nullable Double temperature,
        @Nullable Double topP,
        @Nullable Reasoning reasoning,
        @Nullable JsonNode text,
        @Nullable Map<String, String> metadata,
        @Nullable Boolean stream,
        @Nullable Boolean store,
        @Nullable String previousResponseId,
        @Nullable Boolean background,
        @Nullable Integer n,
        @Nullable Boolean parallelToolCalls,
        @Nullable String serviceTier,
        @Nullable JsonNode conversation,
        @Nullable JsonNode prompt) {

    /** Whether the response is to be stored: unless the caller said {@code store: false}. */
    boolean stored() {
        return !Boolean.FALSE.equals(store);
    }

    /**
     * Reasoning settings.
     *
     * @param effort {@code none}, {@code minimal}, {@code low}, {@code medium} or {@code high}
     * @param summary how the reasoning is summarised; the model's own reasoning text is the summary
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reasoning(
            @Nullable String effort, @Nullable String summary) {}
}
