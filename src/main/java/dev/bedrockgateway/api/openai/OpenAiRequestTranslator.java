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

/**
 * Translates an OpenAI Chat Completions request into the core request; pure apart from the
 * {@link ImageSource} it is given. System and developer messages anywhere are lifted into {@code system};
 * the rest is reshaped for Bedrock by {@link ConversationNormalizer}.
 */
public final class OpenAiRequestTranslator {

    private OpenAiRequestTranslator() {}

    /**
     * Translates a request.
     *
     * @param request the OpenAI body
     * @param images resolves {@code image_url} parts
     * @param json parses tool-call arguments
     * @throws GatewayException (400) naming the offending field when the request cannot be expressed
     */
    public static ChatRequest toChatRequest(OpenAiChatRequest request, ImageSource images, JsonMapper json) {
        refuseUnsupported(request);
        List<OpenAiMessage> input = request.messages();
        if (input == null || input.isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one message");
        }
        List<ConversationNormalizer.Turn> turns = new ArrayList<>();
        List<SystemBlock> system = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            OpenAiMessage message = input.get(i);
            String field = "messages[" + i + "]";
            if (message == null) {
                throw GatewayException.invalid(field, field + " must be an object with role and content");
            }
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "system", "developer" ->
                    OpenAiContentTranslator.texts(message.content(), field).stream()
                            .filter(text -> !text.isBlank())
                            .forEach(text -> system.add(SystemBlock.text(text)));
                case "user" ->
                    turns.add(new ConversationNormalizer.Turn(
                            new Message(
                                    Role.USER, OpenAiContentTranslator.userContent(message.content(), field, images)),
                            i));
                case "assistant" -> turns.add(new ConversationNormalizer.Turn(assistant(message, field, json), i));
                case "tool" ->
                    turns.add(new ConversationNormalizer.Turn(
                            new Message(
                                    Role.USER,
                                    List.of(OpenAiToolTranslator.toolResult(
                                            message.toolCallId(),
                                            OpenAiContentTranslator.texts(message.content(), field),
                                            field))),
                            i));
                case "" -> throw GatewayException.invalid(field + ".role", field + ".role is required");
                default ->
                    throw GatewayException.invalid(
                            field + ".role",
                            field + ".role '" + role
                                    + "' is not supported; use system, developer, user, assistant or tool");
            }
        }
        List<Message> messages = ConversationNormalizer.normalize(turns);
        boolean usesTools = messages.stream()
                .flatMap(message -> message.content().stream())
                .anyMatch(block -> block.toolUse() != null || block.toolResult() != null);
        return new ChatRequest(
                request.model() == null ? "" : request.model(),
                messages,
                system,
                OpenAiToolTranslator.toolConfig(request.tools(), request.toolChoice(), usesTools),
                inferenceConfig(request),
                null,
                List.of(),
                Map.of(),
                request.reasoningEffort() == null ? null : ReasoningEffort.parse(request.reasoningEffort()),
                serviceTier(request.serviceTier()));
    }

    /** OpenAI's {@code service_tier}: {@code auto} leaves it to the tenant; {@code scale} has no Bedrock tier. */
    static @Nullable String serviceTier(@Nullable String tier) {
        if (tier == null || "auto".equals(tier)) {
            return null;
        }
        if ("scale".equals(tier)) {
            throw GatewayException.invalid(
                    "service_tier", "service_tier 'scale' has no Bedrock tier; use auto, default, flex or priority");
        }
        return tier;
    }

    private static Message assistant(OpenAiMessage message, String field, JsonMapper json) {
        List<ContentBlock> content = new ArrayList<>();
        List<OpenAiToolCall> calls = message.toolCalls();
        boolean hasCalls = calls != null && !calls.isEmpty();
        // OpenAI sends content null on an assistant turn that only calls tools.
        if (message.content() != null && !message.content().isNull() || !hasCalls) {
            OpenAiContentTranslator.texts(message.content(), field)
                    .forEach(text -> content.add(ContentBlock.text(text)));
        }
        if (calls != null && hasCalls) {
            content.addAll(OpenAiToolTranslator.toolUses(calls, field, json));
        }
        return new Message(Role.ASSISTANT, content);
    }

    // A field the gateway would silently drop could change what the caller gets, so it is refused by name.
    private static void refuseUnsupported(OpenAiChatRequest request) {
        if (request.n() != null && request.n() != 1) {
            throw GatewayException.invalid("n", "n=" + request.n() + " is not supported: Bedrock returns one choice");
        }
        if (Boolean.TRUE.equals(request.logprobs())) {
            throw GatewayException.invalid(
                    "logprobs", "logprobs is not supported: Bedrock returns no log probabilities");
        }
        if (present(request.audio())
                || (request.modalities() != null
                        && request.modalities().stream().anyMatch(modality -> !"text".equals(modality)))) {
            throw GatewayException.invalid(
                    present(request.audio()) ? "audio" : "modalities",
                    "audio output is not supported; request text only");
        }
        if (present(request.functions())) {
            throw GatewayException.invalid(
                    "functions",
                    "functions (the legacy form of function calling) is not " + "supported; send tools instead");
        }
        JsonNode format = request.responseFormat();
        if (format != null
                && present(format)
                && !"text".equals(format.path("type").asString(""))) {
            throw GatewayException.invalid(
                    "response_format",
                    "response_format '" + format.path("type").asString("")
                            + "' is not supported; omit it or use {\"type\":\"text\"}");
        }
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static @Nullable InferenceConfig inferenceConfig(OpenAiChatRequest request) {
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        InferenceConfig config =
                new InferenceConfig(maxTokens, request.temperature(), request.topP(), stopSequences(request.stop()));
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
