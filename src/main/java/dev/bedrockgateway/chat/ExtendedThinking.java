package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an abstract {@link ReasoningEffort} into Anthropic's extended-thinking request field once routing has
 * said which model answers. Anthropic requires {@code max_tokens} above the thinking budget and refuses a
 * custom temperature while thinking, so both are settled here rather than left to fail upstream.
 */
final class ExtendedThinking {

    /** Claude 3.7 Sonnet and every Claude 4 and later model think; earlier ones do not. */
    private static final Pattern THINKING_MODELS =
            Pattern.compile("anthropic\\.claude-(3-7-|(opus|sonnet|haiku)-[4-9]|[4-9]-)");
    /** Room for the visible answer when the caller set no limit (OpenAI's limit counts reasoning too). */
    static final int DEFAULT_ANSWER_TOKENS = 8_192;

    private ExtendedThinking() {}

    /** The request as Bedrock should get it for this model; unchanged when no effort was asked for. */
    static ChatRequest apply(ChatRequest request, String bedrockModelId) {
        ReasoningEffort effort = request.reasoningEffort();
        if (effort == null) {
            return request;
        }
        if (!THINKING_MODELS.matcher(bedrockModelId).find()) {
            throw GatewayException.invalid(
                    "reasoning_effort",
                    "reasoning_effort needs a model with extended thinking "
                            + "(Anthropic Claude 3.7 Sonnet, Claude 4 or later); '" + request.modelId()
                            + "' routes to '"
                            + bedrockModelId + "', which has none");
        }
        InferenceConfig config = request.inferenceConfig() == null
                ? new InferenceConfig(null, null, null, null)
                : request.inferenceConfig();
        if (config.temperature() != null || config.topP() != null) {
            throw GatewayException.invalid(
                    config.temperature() != null ? "temperature" : "top_p",
                    "temperature and top_p cannot be combined with reasoning_effort: Anthropic's extended thinking "
                            + "runs only at the default sampling settings");
        }
        ObjectNode fields = request.additionalModelRequestFields() instanceof ObjectNode existing
                ? existing.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Integer maxTokens = config.maxTokens();
        if (fields.has("thinking")) {
            // The caller's own thinking settings win; only the room above their budget is settled here.
            int ownBudget = fields.path("thinking").path("budget_tokens").asInt(effort.budgetTokens());
            maxTokens = maxTokens == null ? ownBudget + DEFAULT_ANSWER_TOKENS : maxTokens;
        } else {
            int budget = effort.budgetTokens();
            if (maxTokens == null) {
                maxTokens = budget + DEFAULT_ANSWER_TOKENS;
            } else if (maxTokens <= budget) {
                // OpenAI's limit counts reasoning and answer together, so the budget shrinks to fit under it.
                budget = maxTokens / 2;
                if (budget < ReasoningEffort.LOW.budgetTokens()) {
                    throw GatewayException.invalid(
                            "max_completion_tokens",
                            "max_completion_tokens (or max_tokens) "
                                    + maxTokens + " leaves no room to think: reasoning_effort needs at least "
                                    + 2 * ReasoningEffort.LOW.budgetTokens());
                }
            }
            fields.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        return request.with(fields, new InferenceConfig(maxTokens, null, null, config.stopSequences()));
    }
}
