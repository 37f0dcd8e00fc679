package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.api.StreamingResponses;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ResponsesPassthrough;
import dev.bedrockgateway.conversation.ConversationStore;
import dev.bedrockgateway.conversation.StoredConversation;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.ImageSource;
import dev.bedrockgateway.tenant.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Responses API request path: the conversation it continues from the store, translate in, call the chat service
 * (streamed or not), translate out, and store the result unless the caller said {@code store: false}. A stored
 * response belongs to its tenant: another tenant's ID reads as unknown.
 */
@Component
class ResponsesHandler {

    private static final Logger log = LoggerFactory.getLogger(ResponsesHandler.class);

    private final ChatService chatService;
    private final ResponsesPassthrough passthrough;
    private final StreamingResponses streaming;
    private final ConversationStore store;
    private final CallerWatch watch;
    private final ImageSource images;
    private final JsonMapper json;
    private final Clock clock;

    ResponsesHandler(
            ChatService chatService,
            ResponsesPassthrough passthrough,
            StreamingResponses streaming,
            ConversationStore store,
            CallerWatch watch,
            ImageSource images,
            JsonMapper json,
            Clock clock) {
        this.chatService = chatService;
        this.passthrough = passthrough;
        this.streaming = streaming;
        this.store = store;
        this.watch = watch;
        this.images = images;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Creates a response, streamed as typed server-sent events when it asks for {@code stream}; for a model Bedrock
     * serves only through its own Responses endpoint, the body goes there.
     */
    ResponseEntity<?> create(ChatCall call, JsonNode raw) {
        if (!raw.isObject()) {
            throw GatewayException.invalid(null, "The request body must be a JSON object");
        }
        ResponsesRequest body = json.treeToValue(raw, ResponsesRequest.class);
        if (body.model() != null && passthrough.servesOnlyResponses(call, body.model())) {
            return passedThrough(call, body, (ObjectNode) raw);
        }
        return create(call, body);
    }

    private ResponseEntity<?> create(ChatCall call, ResponsesRequest body) {
        List<Message> earlier = List.of();
        if (body.previousResponseId() != null) {
            earlier = stored(call.tenant(), body.previousResponseId(), "previous_response_id")
                    .messages();
            if (earlier.isEmpty()) {
                // Only its owner is recorded: Bedrock's Responses endpoint keeps that conversation, not the gateway.
                throw elsewhere(
                        body.previousResponseId(), "Bedrock's Responses endpoint, with a model served only there");
            }
        }
        ChatRequest request = ResponsesRequestTranslator.toChatRequest(body, earlier, images, json);
        ResponsesObject base = created(body, request);
        String tenant = call.tenant().id();
        if (Boolean.TRUE.equals(body.stream())) {
            ResponsesStreamTranslator translator = new ResponsesStreamTranslator(base, json);
            return streaming.stream(call, request, new ResponsesStreamEncoder(json, translator, finished -> {
                if (body.stored()) {
                    keep(tenant, request, finished.answer(), finished.response());
                }
            }));
        }
        ChatResponse answer = watch.during(call, () -> chatService.converse(call, request));
        ResponsesObject response = ResponsesResponseTranslator.complete(base, answer, json);
        if (body.stored()) {
            keep(tenant, request, answer.output(), response);
        }
        return ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, answer.bedrockModelId())
                .body(response);
    }

    /**
     * A model only Bedrock's Responses endpoint serves: the caller's body goes there as it is (Bedrock keeps the
     * conversation), after the gateway checked that the response it continues is this tenant's; the answer is kept so
     * that only this tenant can read or continue it.
     */
    private ResponseEntity<?> passedThrough(ChatCall call, ResponsesRequest body, ObjectNode raw) {
        String model = Objects.requireNonNull(body.model());
        if (Boolean.TRUE.equals(body.stream())) {
            throw GatewayException.invalid(
                    "stream",
                    "model '" + model + "' is served only by Bedrock's Responses endpoint, which the gateway calls"
                            + " without streaming; send the request without stream");
        }
        if (body.previousResponseId() != null
                && !stored(call.tenant(), body.previousResponseId(), "previous_response_id")
                        .messages()
                        .isEmpty()) {
            throw elsewhere(body.previousResponseId(), "the gateway, with a model that speaks Converse");
        }
        ObjectNode response = watch.during(call, () -> passthrough.respond(call, model, raw));
        response.put("model", model);
        String id = response.path("id").asString("");
        if (body.stored() && !id.isEmpty()) {
            try {
                store.put(call.tenant().id(), new StoredConversation(id, List.of(), json.writeValueAsString(response)));
            } catch (RuntimeException e) {
                log.warn("Response {} could not be stored: {}", id, e.toString());
            }
        }
        return ResponseEntity.ok().body(response);
    }

    /** The tenant's stored response, as it was sent. */
    String read(Tenant tenant, String id) {
        return stored(tenant, id, "response_id").response();
    }

    /** Deletes the tenant's stored response. */
    void delete(Tenant tenant, String id) {
        if (!store.delete(tenant.id(), id)) {
            throw notFound(id, "response_id");
        }
    }

    private StoredConversation stored(Tenant tenant, String id, String param) {
        return store.get(tenant.id(), id).orElseThrow(() -> notFound(id, param));
    }

    /** A conversation continued with a model that cannot see it: lost history is refused, not silently dropped. */
    private static GatewayException elsewhere(String id, String where) {
        return GatewayException.invalid(
                "previous_response_id",
                "previous_response_id '" + id + "' was answered by " + where + "; continue it with such a model");
    }

    private static GatewayException notFound(String id, String param) {
        return new GatewayException(
                ErrorKind.NOT_FOUND, "No response with id '" + id + "' is stored for this API key", param, null);
    }

    /** Stores the conversation with its answer; a store that fails costs the caller nothing but the continuation. */
    private void keep(String tenant, ChatRequest request, Message answer, ResponsesObject response) {
        List<Message> messages = new ArrayList<>(request.messages());
        messages.add(answer);
        try {
            if (!store.put(
                    tenant, new StoredConversation(response.id(), messages, json.writeValueAsString(response)))) {
                log.info("Response {} was not stored: larger than gateway.responses.max-bytes", response.id());
            }
        } catch (RuntimeException e) {
            log.warn("Response {} could not be stored: {}", response.id(), e.toString());
        }
    }

    private ResponsesObject created(ResponsesRequest body, ChatRequest request) {
        ResponsesRequest.Reasoning reasoning = body.reasoning();
        return new ResponsesObject(
                ResponsesResponseTranslator.newId("resp_"),
                "response",
                clock.instant().getEpochSecond(),
                "in_progress",
                null,
                null,
                body.instructions(),
                body.maxOutputTokens(),
                body.metadata() == null ? Map.of() : body.metadata(),
                request.modelId(),
                List.of(),
                true,
                body.previousResponseId(),
                new ResponsesObject.ReasoningConfig(
                        reasoning == null ? null : reasoning.effort(), reasoning == null ? null : reasoning.summary()),
                request.serviceTier() == null ? "default" : request.serviceTier(),
                body.stored(),
                body.temperature(),
                JsonNodeFactory.instance
                        .objectNode()
                        .set("format", JsonNodeFactory.instance.objectNode().put("type", "text")),
                body.toolChoice() == null ? JsonNodeFactory.instance.stringNode("auto") : body.toolChoice(),
                body.tools() == null ? JsonNodeFactory.instance.arrayNode() : body.tools(),
                body.topP(),
                "disabled",
                null,
                null);
    }
}
