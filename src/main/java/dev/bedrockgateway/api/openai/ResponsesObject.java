package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * OpenAI's {@code response} object. Fields OpenAI always sends are written even when null, as the SDKs expect them.
 *
 * @param id {@code resp_...}
 * @param object always {@code response}
 * @param createdAt Unix seconds
 * @param status {@code in_progress}, {@code completed}, {@code incomplete} or {@code failed}
 * @param error what failed, or null
 * @param incompleteDetails why the answer stopped short, or null
 * @param instructions the instructions it was given
 * @param maxOutputTokens its output limit
 * @param metadata the caller's tags
 * @param model the model as the caller named it
 * @param output the answer's items: reasoning, messages and function calls
 * @param parallelToolCalls always true
 * @param previousResponseId the response it continues
 * @param reasoning the reasoning settings it was given
 * @param serviceTier the tier it ran at
 * @param store whether it was stored
 * @param temperature its sampling temperature
 * @param text its text settings
 * @param toolChoice its tool choice
 * @param tools its tools
 * @param topP its nucleus sampling mass
 * @param truncation always {@code disabled}
 * @param usage the tokens it used, or null while in progress
 * @param user always null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResponsesObject(
        String id,
        String object,
        long createdAt,
        String status,
        @Nullable Problem error,
        @Nullable IncompleteDetails incompleteDetails,
        @Nullable String instructions,
        @Nullable Integer maxOutputTokens,
        Map<String, String> metadata,
        String model,
        List<ResponsesItem> output,
        boolean parallelToolCalls,
        @Nullable String previousResponseId,
        ReasoningConfig reasoning,
        String serviceTier,
        boolean store,
        @Nullable Double temperature,
        JsonNode text,
        JsonNode toolChoice,
        JsonNode tools,
        @Nullable Double topP,
        String truncation,
        @Nullable Usage usage,
        @Nullable String user) {

    /** This response with another status, output, usage and details, as it moves from created to done. */
    ResponsesObject with(
            String newStatus,
            List<ResponsesItem> newOutput,
            @Nullable Usage newUsage,
            @Nullable IncompleteDetails details,
            @Nullable Problem problem) {
        return new ResponsesObject(
                id,
                object,
                createdAt,
                newStatus,
                problem,
                details,
                instructions,
                maxOutputTokens,
                metadata,
                model,
                newOutput,
                parallelToolCalls,
                previousResponseId,
                reasoning,
                serviceTier,
                store,
                temperature,
                text,
                toolChoice,
                tools,
                topP,
                truncation,
                newUsage,
                user);
    }

    /**
     * A failure.
     *
     * @param code the error's code
     * @param message what went wrong
     */
    public record Problem(String code, String message) {}

    /**
     * Why an answer is incomplete.
     *
     * @param reason {@code max_output_tokens} or {@code content_filter}
     */
    public record IncompleteDetails(String reason) {}

    /**
     * Reasoning settings as echoed.
     *
     * @param effort the effort asked for, or null
     * @param summary the summary setting, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReasoningConfig(
            @Nullable String effort, @Nullable String summary) {}

    /**
     * Token counts.
     *
     * @param inputTokens input tokens
     * @param inputTokensDetails of which read from the prompt cache
     * @param outputTokens output tokens
     * @param outputTokensDetails of which spent reasoning
     * @param totalTokens their sum
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(
            int inputTokens,
            InputDetails inputTokensDetails,
            int outputTokens,
            OutputDetails outputTokensDetails,
            int totalTokens) {}

    /**
     * Input token details.
     *
     * @param cachedTokens tokens read from the prompt cache
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InputDetails(int cachedTokens) {}

    /**
     * Output token details.
     *
     * @param reasoningTokens tokens of reasoning (estimated from its text: Bedrock does not count them apart)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutputDetails(int reasoningTokens) {}
}
