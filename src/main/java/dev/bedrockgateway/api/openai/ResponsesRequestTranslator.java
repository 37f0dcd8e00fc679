package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.ConversationNormalizer;
import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ReasoningEffort;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a Responses API request into the core request; pure. Input items become Converse turns (messages with
 * {@code input_text}, {@code input_image} and {@code input_file} parts, {@code function_call} and
 * {@code function_call_output}), after the turns of the response it continues; {@code instructions} and system or
 * developer messages become the system prompt. What the gateway cannot do is refused by name.
 */
final class ResponsesRequestTranslator {

    private ResponsesRequestTranslator() {}

    /**
     * The core request.
     *
     * @param earlier the turns of the response this one continues, or none
     * @throws GatewayException 400 naming the field the gateway cannot honour
     */
    static ChatRequest toChatRequest(
            ResponsesRequest request, List<Message> earlier, ImageSource images, JsonMapper json) {
        refuseUnsupported(request);
        List<SystemBlock> system = new ArrayList<>();
        if (request.instructions() != null && !request.instructions().isBlank()) {
            system.add(SystemBlock.text(request.instructions()));
        }
        List<ConversationNormalizer.Turn> turns = new ArrayList<>();
        for (Message message : earlier) {
            turns.add(new ConversationNormalizer.Turn(message, -1));
        }
        JsonNode input = request.input();
        if (input == null || input.isNull() || (input.isArray() && input.isEmpty())) {
            throw GatewayException.invalid("input", "input is required: a string or a list of input items");
        }
        if (input.isString()) {
            turns.add(new ConversationNormalizer.Turn(
                    new Message(Role.USER, List.of(ContentBlock.text(input.asString()))), 0));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                item(input.get(i), "input[" + i + "]", i, turns, system, images, json);
            }
        } else {
            throw GatewayException.invalid("input", "input must be a string or a list of input items");
        }
        List<Message> messages = ConversationNormalizer.normalize(turns);
        boolean usesTools = messages.stream()
                .flatMap(message -> message.content().stream())
                .anyMatch(block -> block.toolUse() != null || block.toolResult() != null);
        InferenceConfig config =
                new InferenceConfig(request.maxOutputTokens(), request.temperature(), request.topP(), null);
        return new ChatRequest(
                request.model() == null ? "" : request.model(),
                messages,
                system,
                OpenAiToolTranslator.toolConfig(tools(request.tools()), toolChoice(request.toolChoice()), usesTools),
                config.hasSettings() ? config : null,
                null,
                List.of(),
                Map.of(),
                effort(request.reasoning()),
                OpenAiRequestTranslator.serviceTier(request.serviceTier()));
    }

    private static void item(
            JsonNode item,
            String field,
            int index,
            List<ConversationNormalizer.Turn> turns,
            List<SystemBlock> system,
            ImageSource images,
            JsonMapper json) {
        String type = item.path("type").asString(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> {
                String role = item.path("role").asString("");
                JsonNode content = parts(item.get("content"), field);
                switch (role) {
                    case "system", "developer" ->
                        OpenAiContentTranslator.texts(content, field).stream()
                                .filter(text -> !text.isBlank())
                                .forEach(text -> system.add(SystemBlock.text(text)));
                    case "user" ->
                        turns.add(new ConversationNormalizer.Turn(
                                new Message(Role.USER, OpenAiContentTranslator.userContent(content, field, images)),
                                index));
                    case "assistant" -> {
                        List<ContentBlock> blocks = OpenAiContentTranslator.texts(content, field).stream()
                                .filter(text -> !text.isBlank())
                                .map(ContentBlock::text)
                                .toList();
                        if (!blocks.isEmpty()) {
                            turns.add(new ConversationNormalizer.Turn(new Message(Role.ASSISTANT, blocks), index));
                        }
                    }
                    default ->
                        throw GatewayException.invalid(
                                field + ".role",
                                field + ".role '" + role + "' is not supported; use user, assistant, system or"
                                        + " developer");
                }
            }
            case "function_call" -> {
                OpenAiToolCall call = new OpenAiToolCall(
                        null,
                        text(item, "call_id", field),
                        "function",
                        new OpenAiToolCall.FunctionCall(
                                text(item, "name", field),
                                item.path("arguments").asString("")));
                turns.add(new ConversationNormalizer.Turn(
                        new Message(Role.ASSISTANT, OpenAiToolTranslator.toolUses(List.of(call), field, json)), index));
            }
            case "function_call_output" -> {
                JsonNode output = item.get("output");
                List<String> texts = output != null && output.isString()
                        ? List.of(output.asString())
                        : OpenAiContentTranslator.texts(parts(output, field), field);
                turns.add(new ConversationNormalizer.Turn(
                        new Message(
                                Role.USER,
                                List.of(OpenAiToolTranslator.toolResult(text(item, "call_id", field), texts, field))),
                        index));
            }
            // The model's reasoning from an earlier turn has no signature Bedrock would accept back; its answer does.
            case "reasoning" -> {}
            case "" -> throw GatewayException.invalid(field + ".type", field + " needs a type, e.g. message");
            default ->
                throw GatewayException.invalid(
                        field + ".type",
                        field + ".type '" + type + "' is not supported; use message, function_call or"
                                + " function_call_output");
        }
    }

    /**
     * Responses content parts reshaped as Chat Completions parts, which the shared content translator reads:
     * {@code input_text}/{@code output_text} are text, {@code input_image} an image URL, {@code input_file} a file.
     */
    private static JsonNode parts(@Nullable JsonNode content, String field) {
        if (content == null || !content.isArray()) {
            return content == null ? JsonNodeFactory.instance.missingNode() : content;
        }
        var reshaped = JsonNodeFactory.instance.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asString("");
            ObjectNode out = reshaped.addObject();
            switch (type) {
                case "input_text", "output_text", "text" ->
                    out.put("type", "text").set("text", part.get("text"));
                case "refusal" -> out.put("type", "refusal").set("refusal", part.get("refusal"));
                case "input_image" -> {
                    if (part.has("file_id")) {
                        throw GatewayException.invalid(
                                field + ".content[" + j + "].file_id",
                                "file_id is not supported: this gateway has no file store; send image_url as a data"
                                        + " URL");
                    }
                    out.put("type", "image_url").putObject("image_url").set("url", part.get("image_url"));
                }
                case "input_file" -> {
                    ObjectNode file = out.put("type", "file").putObject("file");
                    for (String name : List.of("file_data", "filename", "file_id")) {
                        if (part.has(name)) {
                            file.set(name, part.get(name));
                        }
                    }
                    if (part.has("file_url")) {
                        throw GatewayException.invalid(
                                field + ".content[" + j + "].file_url",
                                "file_url is not supported: the gateway fetches no URL; send file_data as a base64"
                                        + " data URL");
                    }
                }
                default -> out.put("type", type);
            }
        }
        return reshaped;
    }

    private static String text(JsonNode item, String name, String field) {
        JsonNode value = item.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw GatewayException.invalid(field + "." + name, field + "." + name + " is required");
        }
        return value.asString();
    }

    /** Responses' flat function tools as Chat Completions tools; any other tool is refused by name. */
    private static @Nullable List<OpenAiTool> tools(@Nullable JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "tools must be a list of function tools");
        }
        List<OpenAiTool> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asString("");
            // Every other type is a built-in tool that runs on OpenAI's side; the gateway has none of them.
            if (!"function".equals(type)) {
                throw GatewayException.invalid(
                        "tools[" + i + "].type",
                        "tools[" + i + "].type '" + type + "' is a built-in tool the gateway cannot run (web search,"
                                + " file search, code interpreter, computer use and the like run on OpenAI's side);"
                                + " declare it as a function tool and run it yourself");
            }
            out.add(new OpenAiTool(
                    "function",
                    new OpenAiTool.Function(
                            tool.path("name").asString(null),
                            tool.path("description").asString(null),
                            tool.get("parameters"),
                            null)));
        }
        return out;
    }

    /** Responses' {@code {"type":"function","name":...}} as Chat Completions' nested form. */
    private static @Nullable JsonNode toolChoice(@Nullable JsonNode choice) {
        if (choice == null || !choice.isObject()) {
            return choice;
        }
        if (!"function".equals(choice.path("type").asString(""))) {
            throw GatewayException.invalid(
                    "tool_choice", "tool_choice must be auto, none, required or {\"type\":\"function\",\"name\":...}");
        }
        ObjectNode nested = JsonNodeFactory.instance.objectNode().put("type", "function");
        nested.putObject("function").set("name", choice.get("name"));
        return nested;
    }

    private static @Nullable ReasoningEffort effort(ResponsesRequest.@Nullable Reasoning reasoning) {
        String effort = reasoning == null ? null : reasoning.effort();
        if (effort == null || "none".equals(effort)) {
            return null;
        }
        return ReasoningEffort.parse("minimal".equals(effort) ? "low" : effort);
    }

    // A field the gateway would silently drop could change what the caller gets, so it is refused by name.
    private static void refuseUnsupported(ResponsesRequest request) {
        if (Boolean.TRUE.equals(request.background())) {
            throw GatewayException.invalid(
                    "background", "background responses are not supported: the gateway answers while you wait");
        }
        if (request.n() != null && request.n() != 1) {
            throw GatewayException.invalid("n", "n=" + request.n() + " is not supported: Bedrock returns one answer");
        }
        if (present(request.conversation())) {
            throw GatewayException.invalid(
                    "conversation", "conversation is not supported; continue with previous_response_id");
        }
        if (present(request.prompt())) {
            throw GatewayException.invalid("prompt", "prompt templates are not supported; send input and instructions");
        }
        JsonNode format = request.text() == null ? null : request.text().get("format");
        if (format != null
                && !format.isNull()
                && !"text".equals(format.path("type").asString(""))) {
            throw GatewayException.invalid(
                    "text.format",
                    "text.format '" + format.path("type").asString("") + "' is not supported; omit it or use"
                            + " {\"type\":\"text\"}");
        }
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
