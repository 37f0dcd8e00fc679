package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.api.StreamingResponses;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.chat.InvokeOptions;
import dev.bedrockgateway.chat.InvokeRequest;
import dev.bedrockgateway.chat.InvokeResponse;
import dev.bedrockgateway.chat.InvokeService;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.AnthropicModelNames;
import dev.bedrockgateway.tenant.Tenant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Messages request path. Claude models go to Bedrock's InvokeModel with Anthropic's own body
 * ({@link ClaudeInvokeBody}), so nothing is lost in translation and the answer or stream comes back as Bedrock wrote
 * it; other models are translated through the core chat model to Converse and back. Either way the call goes
 * through the core's routing, tenancy, limits and accounting.
 */
@Component
class AnthropicMessagesHandler {

    private static final Logger log = LoggerFactory.getLogger(AnthropicMessagesHandler.class);

    private final ChatService chatService;
    private final CallerWatch watch;
    private final InvokeService invokeService;
    private final StreamingResponses streaming;
    private final AnthropicModelNames names;
    private final JsonMapper json;

    AnthropicMessagesHandler(
            ChatService chatService,
            InvokeService invokeService,
            StreamingResponses streaming,
            AnthropicModelNames names,
            JsonMapper json,
            CallerWatch watch) {
        this.chatService = chatService;
        this.watch = watch;
        this.invokeService = invokeService;
        this.streaming = streaming;
        this.names = names;
        this.json = json;
    }

    /** Answers {@code POST /v1/messages}, streamed when the body asks for it. */
    ResponseEntity<?> messages(ChatCall call, JsonNode body, List<String> betaHeaders) {
        ObjectNode request = object(body);
        String asked = model(request);
        String modelId = bedrockModelId(asked);
        requireMaxTokens(request);
        boolean stream = request.path("stream").asBoolean(false);
        if (AnthropicModelNames.isAnthropicModel(modelId)) {
            // The model as the caller wrote it: routing maps Anthropic's names itself, and allow-lists, per-model
            // limits and the access log see the name the caller knows.
            InvokeRequest invoke = new InvokeRequest(asked, claudeBody(request, betaHeaders), InvokeOptions.NONE);
            if (stream) {
                return streaming.stream(call, invoke, new ClaudeChunkEncoder(json));
            }
            InvokeResponse response = watch.during(call, () -> invokeService.invoke(call, invoke));
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(GatewayHeaders.BEDROCK_MODEL_ID, Objects.requireNonNullElse(call.bedrockModelId(), modelId))
                    .body(response.body());
        }
        ChatRequest chat =
                AnthropicRequestTranslator.toChatRequest(json.treeToValue(request, AnthropicRequest.class), asked);
        String id = AnthropicResponseTranslator.newMessageId();
        if (stream) {
            return streaming.stream(
                    call, chat, new AnthropicSseEncoder(new AnthropicStreamTranslator(id, asked), json));
        }
        ChatResponse response = watch.during(call, () -> chatService.converse(call, chat));
        return ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(AnthropicResponseTranslator.toMessage(response, asked, id));
    }

    /**
     * Answers {@code POST /v1/messages/count_tokens} with Bedrock's CountTokens, which counts Claude bodies only.
     * Its body needs InvokeModel's {@code max_tokens}, which Anthropic's counting request has no reason to send.
     */
    AnthropicTokenCount countTokens(Tenant tenant, JsonNode body, List<String> betaHeaders) {
        ObjectNode request = object(body);
        String asked = model(request);
        String modelId = bedrockModelId(asked);
        if (!AnthropicModelNames.isAnthropicModel(modelId)) {
            throw GatewayException.invalid(
                    "model", "Bedrock counts tokens for Claude models only; '" + asked + "' is not one");
        }
        ObjectNode counted = request.deepCopy();
        if (!counted.path("max_tokens").isIntegralNumber()) {
            counted.put("max_tokens", 1);
        }
        int tokens = invokeService.countTokens(
                tenant, new InvokeRequest(asked, claudeBody(counted, betaHeaders), InvokeOptions.NONE));
        return new AnthropicTokenCount(tokens);
    }

    private byte[] claudeBody(ObjectNode request, List<String> betaHeaders) {
        ClaudeInvokeBody.Prepared prepared = ClaudeInvokeBody.prepare(request, betaHeaders, json);
        if (!prepared.droppedBetas().isEmpty()) {
            log.debug("Betas Bedrock does not take, left out: {}", prepared.droppedBetas());
        }
        return prepared.json();
    }

    /**
     * The Bedrock model ID for the model as written: an Anthropic API name through the catalog (404 for one it
     * does not know, as Anthropic answers), anything else (Bedrock ID, profile, ARN) as it is, for routing.
     */
    private String bedrockModelId(String asked) {
        if (!AnthropicModelNames.isAnthropicName(asked)) {
            return asked;
        }
        String modelId = names.bedrockModelId(asked);
        if (modelId == null) {
            throw new GatewayException(
                    ErrorKind.NOT_FOUND,
                    "model: " + asked + " is not a Claude model this gateway knows; use an Anthropic model name from "
                            + "GET /v1/models, or a Bedrock model or inference-profile ID",
                    "model",
                    null);
        }
        return modelId;
    }

    private static ObjectNode object(JsonNode body) {
        if (body instanceof ObjectNode object) {
            return object;
        }
        throw GatewayException.invalid(null, "The request body must be a JSON object");
    }

    private static String model(ObjectNode request) {
        JsonNode model = request.get("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw GatewayException.invalid("model", "model: Field required");
        }
        return model.asString().strip();
    }

    private static void requireMaxTokens(ObjectNode request) {
        JsonNode maxTokens = request.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw GatewayException.invalid("max_tokens", "max_tokens: Field required");
        }
        if (!maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
            throw GatewayException.invalid("max_tokens", "max_tokens: Input should be a positive integer");
        }
    }
}
