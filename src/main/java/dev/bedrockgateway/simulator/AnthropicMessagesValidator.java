package dev.bedrockgateway.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an InvokeModel body for an Anthropic Claude model the way Bedrock and Anthropic do, each with its own
 * wording: Bedrock's request schema first ({@code Malformed input request: #/...}: the version, required keys,
 * types, the keys that only Anthropic's own API takes), then Anthropic's own rules, which Bedrock passes on
 * as they are ({@code messages.1.content.0: ...}): beta flags, extended thinking and its signatures, tool
 * results that answer a tool use. Keys it does not know are let through, so a gateway can forward new fields.
 */
final class AnthropicMessagesValidator {

    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    /**
     * The {@code anthropic_beta} flags the simulator accepts: the ones Bedrock documents for Claude models (the
     * Anthropic Claude Messages API page of the Bedrock user guide lists them per model; a flag the model does
     * not support is not refused here). Any other flag gets Bedrock's 400 "invalid beta flag". Add a flag here
     * when Bedrock starts to accept it.
     */
    static final Set<String> BETA_FLAGS = Set.of(
            "computer-use-2024-10-22",
            "computer-use-2025-01-24",
            "computer-use-2025-11-24",
            "token-efficient-tools-2025-02-19",
            "output-128k-2025-02-19",
            "interleaved-thinking-2025-05-14",
            "dev-full-thinking-2025-05-14",
            "fine-grained-tool-streaming-2025-05-14",
            "context-management-2025-06-27",
            "context-1m-2025-08-07",
            "tool-search-tool-2025-10-19",
            "tool-examples-2025-10-29",
            "effort-2025-11-24");

    /** Top-level keys of Anthropic's own API that Bedrock takes from the path and the operation instead. */
    private static final List<String> NOT_PERMITTED = List.of("model", "stream");

    private static final List<String> ROLES = List.of("user", "assistant");
    private static final List<String> TOOL_CHOICES = List.of("auto", "any", "tool", "none");

    private AnthropicMessagesValidator() {}

    /** Throws a {@link FaultException} for the first problem found in the body. */
    static void validate(ObjectNode body) {
        for (String key : NOT_PERMITTED) {
            if (body.has(key)) {
                throw FaultException.malformed("#: extraneous key [" + key + "] is not permitted");
            }
        }
        JsonNode version = required(body, "anthropic_version");
        if (!ANTHROPIC_VERSION.equals(version.asString(""))) {
            throw FaultException.malformed("#/anthropic_version: " + version + " is not a valid enum value");
        }
        JsonNode maxTokens = required(body, "max_tokens");
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
            throw wrongType("#/max_tokens", "Integer", maxTokens);
        }
        if (maxTokens.intValue() < 1) {
            throw FaultException.malformed("#/max_tokens: " + maxTokens.intValue() + " is not greater or equal to 1");
        }
        validateMessages(required(body, "messages"));
        validateSystem(body.get("system"));
        validateBetas(body.get("anthropic_beta"));
        validateTools(body.get("tools"), body.get("tool_choice"));
        validateThinking(body, maxTokens.intValue());
    }

    private static JsonNode required(ObjectNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            throw FaultException.malformed("#: required key [" + key + "] not found");
        }
        return value;
    }

    private static FaultException wrongType(String at, String expected, JsonNode found) {
        return FaultException.malformed(at + ": expected type: " + expected + ", found: " + found.getNodeType());
    }

    private static void validateMessages(JsonNode messages) {
        if (!messages.isArray()) {
            throw wrongType("#/messages", "JSONArray", messages);
        }
        if (messages.isEmpty()) {
            throw FaultException.validation("messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "#/messages/" + i;
            if (!message.isObject()) {
                throw wrongType(at, "JSONObject", message);
            }
            String role = message.path("role").asString("");
            if (!ROLES.contains(role)) {
                throw FaultException.malformed(at + "/role: " + message.path("role") + " is not a valid enum value");
            }
            JsonNode content = message.get("content");
            if (content == null || !(content.isString() || content.isArray())) {
                throw FaultException.malformed(at + ": required key [content] not found or not a string or list");
            }
            for (int j = 0; j < content.size(); j++) {
                validateBlock(content.get(j), "messages." + i + ".content." + j, role);
            }
            if ("user".equals(role)) {
                validateToolResults(content, i == 0 ? null : messages.get(i - 1), i);
            }
        }
    }

    private static void validateBlock(JsonNode block, String at, String role) {
        String type = block.path("type").asString("");
        if (type.isEmpty()) {
            throw FaultException.validation(at + ".type: Field required");
        }
        switch (type) {
            case "text" -> requireString(block, "text", at);
            case "tool_use" -> {
                requireString(block, "id", at);
                requireString(block, "name", at);
                if (!block.path("input").isObject()) {
                    throw FaultException.validation(at + ".input: Input should be a valid dictionary");
                }
            }
            case "tool_result" -> requireString(block, "tool_use_id", at);
            case "thinking" -> {
                String thinking = requireString(block, "thinking", at);
                String signature = requireString(block, "signature", at);
                // Only our own signature matches: a thinking block whose text or signature was altered is refused.
                if ("assistant".equals(role)
                        && !ReasoningResponder.signature(thinking).equals(signature)) {
                    throw FaultException.validation(at + ": Invalid `signature` in `thinking` block");
                }
            }
            default -> {
                // Images, documents, redacted thinking and newer block types are counted, not checked.
            }
        }
    }

    private static String requireString(JsonNode block, String field, String at) {
        JsonNode value = block.get(field);
        if (value == null || !value.isString()) {
            throw FaultException.validation(at + "." + field + ": Field required");
        }
        return value.stringValue();
    }

    /** Every tool result must answer a tool use of the assistant message right before it, as Anthropic requires. */
    private static void validateToolResults(JsonNode content, @Nullable JsonNode previous, int index) {
        Set<String> toolUseIds = new HashSet<>();
        if (previous != null && "assistant".equals(previous.path("role").asString(""))) {
            for (JsonNode block : previous.path("content")) {
                if ("tool_use".equals(block.path("type").asString(""))) {
                    toolUseIds.add(block.path("id").asString(""));
                }
            }
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String id = block.path("tool_use_id").asString("");
            if ("tool_result".equals(block.path("type").asString("")) && !toolUseIds.contains(id)) {
                throw FaultException.validation(
                        "messages." + index + ".content." + j
                                + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                                + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
            }
        }
    }

    private static void validateSystem(@Nullable JsonNode system) {
        if (system == null || system.isNull() || system.isString()) {
            return;
        }
        if (!system.isArray()) {
            throw wrongType("#/system", "JSONArray", system);
        }
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!"text".equals(block.path("type").asString(""))) {
                throw FaultException.validation("system." + i + ".type: Input should be 'text'");
            }
            requireString(block, "text", "system." + i);
        }
    }

    private static void validateBetas(@Nullable JsonNode betas) {
        if (betas == null || betas.isNull()) {
            return;
        }
        if (!betas.isArray()) {
            throw wrongType("#/anthropic_beta", "JSONArray", betas);
        }
        for (JsonNode beta : betas) {
            if (!beta.isString() || !BETA_FLAGS.contains(beta.stringValue())) {
                throw FaultException.validation("invalid beta flag");
            }
        }
    }

    private static void validateTools(@Nullable JsonNode tools, @Nullable JsonNode choice) {
        if (tools != null && !tools.isNull()) {
            if (!tools.isArray()) {
                throw wrongType("#/tools", "JSONArray", tools);
            }
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                requireString(tool, "name", "tools." + i);
                // Anthropic's server tools (computer, bash, text editor, ...) have a type and no schema.
                boolean custom =
                        !tool.has("type") || "custom".equals(tool.path("type").asString(""));
                if (custom && !tool.path("input_schema").isObject()) {
                    throw FaultException.validation("tools." + i + ".custom.input_schema: Field required");
                }
            }
        }
        if (choice != null && !choice.isNull()) {
            String type = choice.path("type").asString("");
            if (!TOOL_CHOICES.contains(type)) {
                throw FaultException.validation("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
            }
            if ("tool".equals(type)) {
                requireString(choice, "name", "tool_choice.tool");
            }
        }
    }

    private static void validateThinking(ObjectNode body, int maxTokens) {
        JsonNode thinking = body.get("thinking");
        if (thinking == null
                || thinking.isNull()
                || !"enabled".equals(thinking.path("type").asString(""))) {
            return;
        }
        JsonNode budget = thinking.get("budget_tokens");
        if (budget == null || !budget.isIntegralNumber() || !budget.canConvertToInt()) {
            throw FaultException.validation("thinking.enabled.budget_tokens: Field required");
        }
        if (budget.intValue() < ReasoningResponder.MIN_BUDGET_TOKENS) {
            throw FaultException.validation("thinking.enabled.budget_tokens: Input should be greater than or equal to "
                    + ReasoningResponder.MIN_BUDGET_TOKENS);
        }
        if (maxTokens <= budget.intValue()) {
            throw FaultException.validation("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult"
                    + " our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking"
                    + "#max-tokens-and-context-window-size");
        }
        String choice = body.path("tool_choice").path("type").asString("");
        if ("any".equals(choice) || "tool".equals(choice)) {
            throw FaultException.validation("Thinking may not be enabled when tool_choice forces tool use.");
        }
        JsonNode temperature = body.get("temperature");
        if (temperature != null && temperature.isNumber() && temperature.doubleValue() != 1.0) {
            throw FaultException.validation("`temperature` may only be set to 1 when thinking is enabled.");
        }
    }
}
