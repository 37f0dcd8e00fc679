package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.chat.CachePoint;
import dev.bedrockgateway.chat.ToolConfig;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Translates Messages {@code tools} and {@code tool_choice} into Converse's tool configuration; pure. */
final class AnthropicToolTranslator {

    private AnthropicToolTranslator() {}

    /**
     * Converse's tool configuration, or null when there are no tools, or {@code tool_choice} is {@code none} in a
     * conversation that has no tool calls yet. Converse has no "none": the tools are left out instead, unless the
     * conversation holds tool calls, which Bedrock reads only with the tools defined; the model then chooses.
     */
    static @Nullable ToolConfig toolConfig(
            @Nullable List<AnthropicRequest.Tool> tools,
            AnthropicRequest.@Nullable ToolChoice toolChoice,
            boolean conversationUsesTools) {
        String choiceType = toolChoice == null || toolChoice.type() == null ? "auto" : toolChoice.type();
        if (tools == null || tools.isEmpty()) {
            if (!"auto".equals(choiceType) && !"none".equals(choiceType)) {
                throw GatewayException.invalid(
                        "tool_choice", "tool_choice: type '" + choiceType + "' needs tools, and none are defined");
            }
            return null;
        }
        List<ToolConfig.Tool> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            AnthropicRequest.Tool tool = tools.get(i);
            String field = "tools[" + i + "]";
            specs.add(new ToolConfig.Tool(spec(tool, field), null));
            CachePoint checkpoint = AnthropicContentTranslator.cachePoint(tool.cacheControl(), field);
            if (checkpoint != null) {
                specs.add(new ToolConfig.Tool(null, checkpoint));
            }
        }
        if ("none".equals(choiceType) && !conversationUsesTools) {
            return null;
        }
        return new ToolConfig(specs, choice(choiceType, toolChoice, specs));
    }

    private static ToolConfig.ToolSpec spec(AnthropicRequest.Tool tool, String field) {
        if (tool.type() != null && !"custom".equals(tool.type())) {
            throw GatewayException.invalid(
                    field + ".type",
                    field + ".type '" + tool.type() + "' is not supported: Anthropic's own tools (server tools such as"
                            + " web_search and code_execution, and built-in ones such as bash, text_editor and"
                            + " computer) exist only on Claude, and this model answers through Bedrock's Converse"
                            + " API; define the tool with name, description and input_schema instead");
        }
        String name = AnthropicContentTranslator.required(tool.name(), field + ".name");
        JsonNode schema = tool.inputSchema();
        if (schema == null || schema.isNull()) {
            throw GatewayException.invalid(field + ".input_schema", field + ".input_schema: Field required");
        }
        if (!schema.isObject() || !"object".equals(schema.path("type").asString(""))) {
            throw GatewayException.invalid(
                    field + ".input_schema", field + ".input_schema must be a JSON schema of type object");
        }
        String description = tool.description() == null || tool.description().isBlank() ? null : tool.description();
        return new ToolConfig.ToolSpec(name, description, new ToolConfig.InputSchema(schema));
    }

    private static ToolConfig.ToolChoice choice(
            String type, AnthropicRequest.@Nullable ToolChoice toolChoice, List<ToolConfig.Tool> tools) {
        return switch (type) {
            // "none" with tool calls in the conversation: the closest Converse has is letting the model choose.
            case "auto", "none" -> ToolConfig.ToolChoice.automatic();
            case "any" -> ToolConfig.ToolChoice.anyTool();
            case "tool" -> {
                String name = toolChoice == null ? null : toolChoice.name();
                if (name == null) {
                    throw GatewayException.invalid("tool_choice.name", "tool_choice.name: Field required");
                }
                if (tools.stream()
                        .noneMatch(tool -> tool.toolSpec() != null
                                && tool.toolSpec().name().equals(name))) {
                    throw GatewayException.invalid(
                            "tool_choice.name", "tool_choice.name '" + name + "' is not among the tools");
                }
                yield ToolConfig.ToolChoice.tool(name);
            }
            default ->
                throw GatewayException.invalid(
                        "tool_choice.type",
                        "tool_choice.type '" + type + "' is not supported; use auto, any, tool or none");
        };
    }
}
