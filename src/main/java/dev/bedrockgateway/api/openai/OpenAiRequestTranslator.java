package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.GatewayException;
import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.SystemBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Translates an OpenAI Chat Completions request into the core request; pure. */
public final class OpenAiRequestTranslator {

    private OpenAiRequestTranslator() {
    }

    /**
     * Translates a request.
     *
     * @throws GatewayException (400) naming the offending field when the request cannot be expressed
     */
    public static ChatRequest toChatRequest(OpenAiChatRequest request) {
        refuseUnsupported(request);
        List<OpenAiMessage> input = request.messages();
        if (input == null || input.isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one message");
        }
        List<Message> messages = new ArrayList<>();
        List<SystemBlock> system = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            OpenAiMessage message = input.get(i);
            String field = "messages[" + i + "]";
            if (message == null) {
                throw GatewayException.invalid(field, field + " must be an object with role and content");
            }
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "system", "developer" -> texts(message.content(), field)
                        .forEach(text -> system.add(new SystemBlock(text)));
                case "user" -> messages.add(message(Role.USER, message.content(), field));
                case "assistant" -> messages.add(message(Role.ASSISTANT, message.content(), field));
                case "" -> throw GatewayException.invalid(field + ".role", field + ".role is required");
                default -> throw GatewayException.invalid(field + ".role", field + ".role '" + role
                        + "' is not supported; use system, developer, user or assistant");
            }
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one user message");
        }
        return new ChatRequest(request.model() == null ? "" : request.model(), messages, system,
                inferenceConfig(request), null, List.of(), Map.of());
    }

    // A field the gateway would silently drop could change what the caller gets, so it is refused by name.
    private static void refuseUnsupported(OpenAiChatRequest request) {
        if (request.n() != null && request.n() != 1) {
            throw GatewayException.invalid("n", "n=" + request.n() + " is not supported: Bedrock returns one choice");
        }
        if (Boolean.TRUE.equals(request.logprobs())) {
            throw GatewayException.invalid("logprobs", "logprobs is not supported: Bedrock returns no log probabilities");
        }
        if (present(request.audio()) || (request.modalities() != null && request.modalities().stream()
                .anyMatch(modality -> !"text".equals(modality)))) {
            throw GatewayException.invalid(present(request.audio()) ? "audio" : "modalities",
                    "audio output is not supported; request text only");
        }
        if (present(request.tools()) || present(request.functions())) {
            throw GatewayException.invalid(present(request.tools()) ? "tools" : "functions",
                    "tools (function calling) are not supported by this gateway version yet");
        }
        JsonNode format = request.responseFormat();
        if (present(format) && !"text".equals(format.path("type").asString(""))) {
            throw GatewayException.invalid("response_format", "response_format '" + format.path("type").asString("")
                    + "' is not supported; omit it or use {\"type\":\"text\"}");
        }
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static Message message(Role role, @Nullable JsonNode content, String field) {
        return new Message(role, texts(content, field).stream().map(ContentBlock::text).toList());
    }

    private static List<String> texts(@Nullable JsonNode content, String field) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            throw GatewayException.invalid(field + ".content", field + ".content is required");
        }
        if (content.isString()) {
            return List.of(content.stringValue());
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(field + ".content",
                    field + ".content must be a string or a list of content parts");
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partField = field + ".content[" + j + "]";
            String type = part.path("type").asString("");
            if (!"text".equals(type)) {
                throw GatewayException.invalid(partField + ".type", type.isEmpty()
                        ? partField + " needs a type, e.g. {\"type\":\"text\",\"text\":\"...\"}"
                        : partField + ".type '" + type + "' is not supported; use text");
            }
            JsonNode text = part.path("text");
            if (!text.isString()) {
                throw GatewayException.invalid(partField + ".text", partField + ".text must be a string");
            }
            texts.add(text.stringValue());
        }
        return texts;
    }

    private static @Nullable InferenceConfig inferenceConfig(OpenAiChatRequest request) {
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        InferenceConfig config = new InferenceConfig(maxTokens, request.temperature(), request.topP(),
                stopSequences(request.stop()));
        return config.hasSettings() ? config : null;
    }

    private static @Nullable List<String> stopSequences(@Nullable JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return null;
        }
        if (stop.isString()) {
            return List.of(stop.stringValue());
        }
        if (stop.isArray()) {
            List<String> sequences = new ArrayList<>();
            for (JsonNode item : stop) {
                if (!item.isString()) {
                    throw GatewayException.invalid("stop", "stop must be a string or a list of strings");
                }
                sequences.add(item.stringValue());
            }
            return sequences;
        }
        throw GatewayException.invalid("stop", "stop must be a string or a list of strings");
    }
}
