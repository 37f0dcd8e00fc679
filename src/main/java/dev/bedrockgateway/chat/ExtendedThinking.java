package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.Reasoning;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an abstract {@link ReasoningEffort} into the routed model's own request fields once routing has said which
 * model answers, as the catalog says it thinks: Anthropic's budgeted {@code thinking} (which needs {@code max_tokens}
 * above the budget and the default sampling, both settled here rather than left to fail upstream), its adaptive
 * thinking with an effort, Nova 2's {@code reasoningConfig}, or gpt-oss's {@code reasoning_effort}. A model the
 * catalog does not know is taken to think as Claude does when its ID says it is a thinking Claude.
 */
final class ExtendedThinking {

    /** Claude 3.7 Sonnet and every Claude 4 and later model think; earlier ones do not. */
    private static final Pattern THINKING_MODELS =
            Pattern.compile("anthropic\\.claude-(3-7-|(opus|sonnet|haiku)-[4-9]|[4-9]-)");
    /** Room for the visible answer when the caller set no limit (OpenAI's limit counts reasoning too). */
    static final int DEFAULT_ANSWER_TOKENS = 8_192;

    private ExtendedThinking() {}

    /** The request as Bedrock should get it for this model; unchanged when no effort was asked for. */
    static ChatRequest apply(ChatRequest request, String bedrockModelId, @Nullable ModelCapabilities can) {
        ReasoningEffort effort = request.reasoningEffort();
        if (effort == null) {
            return request;
        }
        Reasoning reasoning = can != null
                ? can.reasoning()
                : THINKING_MODELS.matcher(bedrockModelId).find() ? Reasoning.BUDGET : Reasoning.NONE;
        String base = Geographies.baseModelId(bedrockModelId);
        return switch (reasoning) {
            case NONE ->
                throw GatewayException.invalid(
                        "reasoning_effort",
                        "reasoning_effort needs a model with extended thinking (Anthropic Claude 3.7 Sonnet, Claude 4"
                                + " or later, Nova 2, gpt-oss); '" + request.modelId() + "' routes to '"
                                + bedrockModelId + "', which has none");
            case ADAPTIVE -> adaptive(request, effort);
            case ALWAYS ->
                base.startsWith("openai.")
                        ? request.with(field(request, "reasoning_effort", effort.wireName()), request.inferenceConfig())
                        : request;
            case BUDGET ->
                base.startsWith("amazon.")
                        ? request.with(withReasoningConfig(request, effort), request.inferenceConfig())
                        : budgeted(request, effort);
        };
    }

    /** Claude's adaptive thinking: the model sets its own budget, told how hard to try. */
    private static ChatRequest adaptive(ChatRequest request, ReasoningEffort effort) {
        InferenceConfig config = defaultSampling(request, "reasoning_effort");
        ObjectNode fields = fields(request);
        if (!fields.has("thinking")) {
            fields.putObject("thinking").put("type", "adaptive");
        }
        if (!fields.has("output_config")) {
            fields.putObject("output_config").put("effort", effort.wireName());
        }
        return request.with(fields, config);
    }

    private static JsonNode withReasoningConfig(ChatRequest request, ReasoningEffort effort) {
        ObjectNode fields = fields(request);
        if (!fields.has("reasoningConfig")) {
            fields.putObject("reasoningConfig").put("type", "enabled").put("maxReasoningEffort", effort.wireName());
        }
        return fields;
    }

    private static JsonNode field(ChatRequest request, String name, String value) {
        ObjectNode fields = fields(request);
        if (!fields.has(name)) {
            fields.put(name, value);
        }
        return fields;
    }

    private static ObjectNode fields(ChatRequest request) {
        return request.additionalModelRequestFields() instanceof ObjectNode existing
                ? existing.deepCopy()
                : JsonNodeFactory.instance.objectNode();
    }

    /** The request's sampling settings, which must be the model's own while it thinks. */
    private static InferenceConfig defaultSampling(ChatRequest request, String why) {
        InferenceConfig config = request.inferenceConfig() == null
                ? new InferenceConfig(null, null, null, null)
                : request.inferenceConfig();
        if (config.temperature() != null || config.topP() != null) {
            throw GatewayException.invalid(
                    config.temperature() != null ? "temperature" : "top_p",
                    "temperature and top_p cannot be combined with " + why + ": Anthropic's thinking runs only at"
                            + " the default sampling settings");
        }
        return config;
    }

    private static ChatRequest budgeted(ChatRequest request, ReasoningEffort effort) {
        InferenceConfig config = defaultSampling(request, "reasoning_effort");
        ObjectNode fields = fields(request);
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
