package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.ToolConfig;
import dev.bedrockgateway.chat.ToolResultBlock;
import dev.bedrockgateway.chat.ToolUseBlock;
import dev.bedrockgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Translates OpenAI function calling (tools, tool_choice, tool_calls, tool messages) to Converse; pure. */
final class OpenAiToolTranslator {

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern VALID_ID = TOOL_NAME;
    private static final Pattern NOT_ID_CHARACTER = Pattern.compile("[^a-zA-Z0-9_-]");

    private OpenAiToolTranslator() {}

    /**
     * Converse's tool configuration, or null when there are no tools or {@code tool_choice} is {@code none}.
     * Unset means {@code auto}, as on OpenAI. Bedrock has no "none": the tools are left out instead, unless the
     * conversation already holds tool calls, which Bedrock can only read with the tools defined; then the
     * model is left to choose.
     */
    static @Nullable ToolConfig toolConfig(
            @Nullable List<OpenAiTool> tools, @Nullable JsonNode toolChoice, boolean conversationUsesTools) {
        if (tools == null || tools.isEmpty()) {
            if (toolChoice != null
                    && !toolChoice.isNull()
                    && !"none".equals(toolChoice.asString(""))
                    && !"auto".equals(toolChoice.asString(""))) {
                throw GatewayException.invalid("tool_choice", "tool_choice needs tools");
            }
            return null;
        }
        List<ToolConfig.Tool> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            specs.add(new ToolConfig.Tool(spec(tools.get(i), "tools[" + i + "]"), null));
        }
        boolean none = toolChoice != null && "none".equals(toolChoice.asString(""));
        if (none && !conversationUsesTools) {
            return null;
        }
        ToolConfig.ToolChoice choice = none ? null : choice(toolChoice, specs);
        return new ToolConfig(specs, choice == null ? ToolConfig.ToolChoice.automatic() : choice);
    }

    private static ToolConfig.ToolSpec spec(@Nullable OpenAiTool tool, String field) {
        if (tool == null || tool.type() != null && !"function".equals(tool.type())) {
            throw GatewayException.invalid(field + ".type", field + ".type must be 'function'");
        }
        OpenAiTool.Function function = tool.function();
        if (function == null
                || function.name() == null
                || !TOOL_NAME.matcher(function.name()).matches()) {
            throw GatewayException.invalid(
                    field + ".function.name",
                    field + ".function.name must be 1-64 letters, " + "digits, underscores or hyphens");
        }
        JsonNode parameters = function.parameters();
        if (parameters == null || parameters.isNull() || parameters.isObject() && parameters.isEmpty()) {
            // A function without parameters still needs an object schema on Bedrock.
            ObjectNode empty = JsonNodeFactory.instance.objectNode().put("type", "object");
            empty.putObject("properties");
            parameters = empty;
        } else if (!parameters.isObject()
                || !"object".equals(parameters.path("type").asString("object"))) {
            throw GatewayException.invalid(
                    field + ".function.parameters",
                    field + ".function.parameters must be a JSON schema of type object");
        }
        String description =
                function.description() == null || function.description().isBlank() ? null : function.description();
        return new ToolConfig.ToolSpec(function.name(), description, new ToolConfig.InputSchema(parameters));
    }

    /** The tool choice, or null when unset. */
    private static ToolConfig.@Nullable ToolChoice choice(@Nullable JsonNode toolChoice, List<ToolConfig.Tool> tools) {
        if (toolChoice == null || toolChoice.isNull()) {
            return null;
        }
        if (toolChoice.isString()) {
            return switch (toolChoice.stringValue()) {
                case "auto" -> ToolConfig.ToolChoice.automatic();
                case "required" -> ToolConfig.ToolChoice.anyTool();
                default ->
                    throw GatewayException.invalid(
                            "tool_choice",
                            "tool_choice '" + toolChoice.stringValue()
                                    + "' is not supported; use auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
            };
        }
        String name = toolChoice.path("function").path("name").asString("");
        if (!"function".equals(toolChoice.path("type").asString("")) || name.isEmpty()) {
            throw GatewayException.invalid(
                    "tool_choice",
                    "tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
        }
        if (tools.stream()
                .noneMatch(tool ->
                        tool.toolSpec() != null && tool.toolSpec().name().equals(name))) {
            throw GatewayException.invalid(
                    "tool_choice", "tool_choice names function '" + name + "', which is not among the tools");
        }
        return ToolConfig.ToolChoice.tool(name);
    }

    /** The toolUse blocks for an assistant message's {@code tool_calls}. */
    static List<ContentBlock> toolUses(List<OpenAiToolCall> calls, String field, JsonMapper json) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            OpenAiToolCall call = calls.get(i);
            String callField = field + ".tool_calls[" + i + "]";
            if (call == null
                    || call.id() == null
                    || call.function() == null
                    || call.function().name() == null) {
                throw GatewayException.invalid(callField, callField + " needs id and function.name");
            }
            blocks.add(ContentBlock.toolUse(new ToolUseBlock(
                    toolUseId(call.id()),
                    call.function().name(),
                    arguments(call.function().arguments(), callField + ".function.arguments", json))));
        }
        return blocks;
    }

    private static JsonNode arguments(@Nullable String arguments, String field, JsonMapper json) {
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode parsed = json.readTree(arguments);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (JacksonException e) {
            // fall through to the error below
        }
        throw GatewayException.invalid(field, field + " must be a JSON object in a string");
    }

    /** The toolResult block for a {@code tool} message. */
    static ContentBlock toolResult(@Nullable String toolCallId, List<String> texts, String field) {
        if (toolCallId == null || toolCallId.isBlank()) {
            throw GatewayException.invalid(field + ".tool_call_id", field + ".tool_call_id is required for role tool");
        }
        // Bedrock refuses an empty result list and blank text, but an empty tool output is a legitimate answer.
        List<ToolResultBlock.Content> content = texts.stream()
                .filter(text -> !text.isBlank())
                .map(ToolResultBlock.Content::text)
                .toList();
        return ContentBlock.toolResult(new ToolResultBlock(
                toolUseId(toolCallId),
                content.isEmpty() ? List.of(ToolResultBlock.Content.text("(no output)")) : content,
                null));
    }

    /**
     * An ID Bedrock accepts ({@code [a-zA-Z0-9_-]{1,64}}). Calls and results go through the same mapping,
     * so they still pair up when a client's own IDs use other characters; a rewritten ID ends in a hash of
     * the original, so two IDs that differ only where they were rewritten stay apart.
     */
    static String toolUseId(String id) {
        if (VALID_ID.matcher(id).matches()) {
            return id;
        }
        String hash = HexFormat.of().formatHex(sha256(id), 0, 6);
        String cleaned = NOT_ID_CHARACTER.matcher(id).replaceAll("_");
        return (cleaned.length() > 51 ? cleaned.substring(0, 51) : cleaned) + "_" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
