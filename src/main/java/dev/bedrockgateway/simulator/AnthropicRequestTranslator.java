package dev.bedrockgateway.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a validated Anthropic Messages body (InvokeModel for Claude) as the equivalent Converse request, so
 * that {@link ConverseResponder}, {@link ToolCallPlanner}, {@link TokenCounter} and {@link PromptCache} answer,
 * count and cache it exactly as they do Converse: the same question gets the same reply and the same tokens
 * through either API.
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks) becomes system text blocks; {@code tools} become
 *       {@code toolConfig.tools} tool specs (server tools without a schema get an empty object schema) and
 *       {@code tool_choice} the matching {@code toolChoice} ({@code none} included);
 *   <li>message blocks map to their Converse twins: text, {@code tool_use} to toolUse, {@code tool_result} to
 *       toolResult, {@code thinking} to reasoning text with its signature, {@code redacted_thinking} to
 *       redacted reasoning, images and documents to media (counted by presence); other blocks are kept under
 *       their type and count nothing;
 *   <li>a block with {@code cache_control} is followed by a cache point, since both mean "cache everything up
 *       to here". Converse's order is system, then tools, then messages, where Anthropic's is tools first: a
 *       cache point on the tools therefore also covers the system prompt;
 *   <li>{@code max_tokens} and {@code stop_sequences} become {@code inferenceConfig}, {@code thinking} goes where
 *       Converse callers put it ({@code additionalModelRequestFields.thinking}).
 * </ul>
 */
final class AnthropicRequestTranslator {

    private final JsonMapper json;

    AnthropicRequestTranslator(JsonMapper json) {
        this.json = json;
    }

    /** The Converse request equivalent to an Anthropic Messages body that passed {@link AnthropicMessagesValidator}. */
    ObjectNode toConverse(ObjectNode body) {
        ObjectNode converse = json.createObjectNode();
        ArrayNode system = converse.putArray("system");
        JsonNode systemPrompt = body.path("system");
        if (systemPrompt.isString()) {
            system.addObject().put("text", systemPrompt.stringValue());
        }
        for (JsonNode block : systemPrompt.isArray() ? systemPrompt : json.createArrayNode()) {
            system.addObject().put("text", block.path("text").asString(""));
            cachePointAfter(block, system);
        }
        toolConfig(body, converse);
        ArrayNode messages = converse.putArray("messages");
        for (JsonNode message : body.path("messages")) {
            ObjectNode converted = messages.addObject();
            converted.put("role", message.path("role").asString(""));
            converted.set("content", content(message.path("content")));
        }
        ObjectNode config = converse.putObject("inferenceConfig");
        config.put("maxTokens", body.path("max_tokens").asInt());
        if (body.path("stop_sequences").isArray()) {
            config.set("stopSequences", body.get("stop_sequences"));
        }
        if (body.path("thinking").isObject()) {
            converse.putObject("additionalModelRequestFields").set("thinking", body.get("thinking"));
        }
        return converse;
    }

    private void toolConfig(ObjectNode body, ObjectNode converse) {
        JsonNode anthropicTools = body.path("tools");
        if (!anthropicTools.isArray() || anthropicTools.isEmpty()) {
            return;
        }
        ObjectNode toolConfig = converse.putObject("toolConfig");
        ArrayNode tools = toolConfig.putArray("tools");
        for (JsonNode tool : anthropicTools) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", tool.path("name").asString(""));
            if (tool.path("description").isString()) {
                spec.put("description", tool.get("description").stringValue());
            }
            JsonNode schema = tool.path("input_schema");
            spec.putObject("inputSchema")
                    .set(
                            "json",
                            schema.isObject() ? schema : json.createObjectNode().put("type", "object"));
            cachePointAfter(tool, tools);
        }
        JsonNode choice = body.path("tool_choice");
        String type = choice.path("type").asString("");
        switch (type) {
            case "auto", "any", "none" -> toolConfig.putObject("toolChoice").putObject(type);
            case "tool" ->
                toolConfig
                        .putObject("toolChoice")
                        .putObject("tool")
                        .put("name", choice.path("name").asString(""));
            default -> {
                // No choice: Converse's default is auto, as Anthropic's is.
            }
        }
    }

    /** The Converse blocks of an Anthropic message content (a string or a list of blocks). */
    private ArrayNode content(JsonNode content) {
        ArrayNode blocks = json.createArrayNode();
        if (content.isString()) {
            blocks.addObject().put("text", content.stringValue());
            return blocks;
        }
        for (JsonNode block : content) {
            blocks.add(block(block));
            cachePointAfter(block, blocks);
        }
        return blocks;
    }

    private ObjectNode block(JsonNode block) {
        ObjectNode converted = json.createObjectNode();
        String type = block.path("type").asString("");
        switch (type) {
            case "text" -> converted.put("text", block.path("text").asString(""));
            case "image", "document" -> converted.set(type, block.path("source"));
            case "tool_use" ->
                converted
                        .putObject("toolUse")
                        .put("toolUseId", block.path("id").asString(""))
                        .put("name", block.path("name").asString(""))
                        .set("input", block.path("input"));
            case "tool_result" -> {
                ObjectNode result = converted.putObject("toolResult");
                result.put("toolUseId", block.path("tool_use_id").asString(""));
                result.set("content", content(block.path("content")));
                result.put("status", block.path("is_error").asBoolean(false) ? "error" : "success");
            }
            case "thinking" ->
                converted
                        .putObject("reasoningContent")
                        .putObject("reasoningText")
                        .put("text", block.path("thinking").asString(""))
                        .put("signature", block.path("signature").asString(""));
            case "redacted_thinking" ->
                converted
                        .putObject("reasoningContent")
                        .put("redactedContent", block.path("data").asString(""));
            default -> converted.set(type, block);
        }
        return converted;
    }

    /** Appends a cache point when the Anthropic block asks for caching up to and including itself. */
    private static void cachePointAfter(JsonNode block, ArrayNode list) {
        if (block.path("cache_control").isObject()) {
            list.addObject().putObject("cachePoint").put("type", "default");
        }
    }
}
