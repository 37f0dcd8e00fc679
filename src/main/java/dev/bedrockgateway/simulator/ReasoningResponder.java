package dev.bedrockgateway.simulator;

import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extended thinking as Anthropic models offer it through Bedrock: requested with
 * {@code additionalModelRequestFields.thinking = {"type":"enabled","budget_tokens":N}}, checked the way
 * Anthropic checks it (Bedrock passes those errors on, prefixed), and answered with a reasoning block
 * whose text and signature are derived from the last user text only.
 *
 * <p>Only Anthropic models understand that field, so it counts only for model ids that contain
 * {@value #ANTHROPIC} (bare ids, cross-region profile ids such as {@code us.anthropic...} and ARNs
 * naming them); for other models it is passed through and ignored, as Bedrock does with fields a model
 * does not interpret.
 */
final class ReasoningResponder {

    static final String REASONING_PREFIX = "Simulated reasoning about: ";
    static final String REASONING_WITHOUT_TEXT = "Simulated reasoning.";
    static final int MIN_BUDGET_TOKENS = 1024;
    static final String ANTHROPIC = "anthropic.";

    private ReasoningResponder() {}

    /** Rejects an enabled thinking configuration that Anthropic would reject. */
    static void validate(String modelId, JsonNode request) {
        JsonNode thinking = thinking(modelId, request);
        if (thinking == null) {
            return;
        }
        JsonNode budget = thinking.get("budget_tokens");
        if (budget == null || budget.isNull()) {
            throw FaultException.modelError("thinking.enabled.budget_tokens: Field required");
        }
        if (!budget.isIntegralNumber() || !budget.canConvertToInt()) {
            throw FaultException.modelError("thinking.enabled.budget_tokens: Input should be a valid integer");
        }
        if (budget.intValue() < MIN_BUDGET_TOKENS) {
            throw FaultException.modelError(
                    "thinking.enabled.budget_tokens: Input should be greater than or equal to " + MIN_BUDGET_TOKENS);
        }
        JsonNode maxTokens = request.path("inferenceConfig").get("maxTokens");
        if (maxTokens != null && maxTokens.canConvertToInt() && maxTokens.intValue() <= budget.intValue()) {
            throw FaultException.modelError("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult"
                    + " our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking"
                    + "#max-tokens-and-context-window-size");
        }
        JsonNode choice = request.path("toolConfig").path("toolChoice");
        if (choice.has("any") || choice.has("tool")) {
            throw FaultException.modelError("Thinking may not be enabled when tool_choice forces tool use.");
        }
    }

    /** Whether the request asks this model for extended thinking. */
    static boolean enabled(String modelId, JsonNode request) {
        return thinking(modelId, request) != null;
    }

    /**
     * The reasoning content block: {@code {reasoningContent:{reasoningText:{text, signature}}}}.
     *
     * @param block an empty object node to fill in
     * @param userText the text of the last user message
     */
    static ObjectNode fill(ObjectNode block, String userText) {
        String text = userText.isEmpty() ? REASONING_WITHOUT_TEXT : REASONING_PREFIX + userText;
        block.putObject("reasoningContent")
                .putObject("reasoningText")
                .put("text", text)
                .put("signature", signature(text));
        return block;
    }

    /**
     * A deterministic stand-in for Anthropic's opaque signature: base64 of a SHA-256 over the reasoning
     * text, so the same question always gets the same signature and tests can recompute it.
     */
    static String signature(String reasoningText) {
        return Base64.getEncoder().encodeToString(Digests.sha256("simulated-signature:" + reasoningText));
    }

    /** The thinking object when thinking is enabled for an Anthropic model, otherwise {@code null}. */
    private static @Nullable JsonNode thinking(@Nullable String modelId, JsonNode request) {
        if (modelId == null || !modelId.contains(ANTHROPIC)) {
            return null;
        }
        JsonNode thinking = request.path("additionalModelRequestFields").path("thinking");
        return thinking.isObject() && "enabled".equals(thinking.path("type").asString("")) ? thinking : null;
    }
}
