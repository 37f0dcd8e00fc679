package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.ChatBodyStyle;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.api.StreamingResponses;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatService;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Converse-style request path shared by {@code /model/{modelId}/converse} and {@code /v1/chat}:
 * translate in, call the chat service, translate out.
 */
@Component
@Order(2)
class ConverseChatHandler implements ChatBodyStyle {

    private final ChatService chatService;
    private final CallerWatch watch;
    private final StreamingResponses streaming;
    private final JsonMapper jsonMapper;

    ConverseChatHandler(
            ChatService chatService, StreamingResponses streaming, JsonMapper jsonMapper, CallerWatch watch) {
        this.chatService = chatService;
        this.watch = watch;
        this.streaming = streaming;
        this.jsonMapper = jsonMapper;
    }

    /** Handles a Bedrock-wire body whose model came from the path. */
    ResponseEntity<ConverseResponseBody> handleWire(ChatCall call, String modelId, JsonNode body) {
        return respond(call, ConverseRequestTranslator.fromWire(modelId, body, jsonMapper));
    }

    /** Streams a Bedrock-wire ConverseStream body as event-stream frames. */
    ResponseEntity<ResponseBodyEmitter> handleWireStream(ChatCall call, String modelId, JsonNode body) {
        return streaming.stream(
                call,
                ConverseRequestTranslator.fromWire(modelId, body, jsonMapper),
                new BedrockEventStreamEncoder(jsonMapper));
    }

    @Override
    public String tag() {
        return "converse";
    }

    @Override
    public String discriminator() {
        return "modelId";
    }

    @Override
    public String name() {
        return "Converse style";
    }

    @Override
    public String describe() {
        return "a Converse-style body with modelId and messages[].content[] blocks";
    }

    /** Handles a Converse-style {@code /v1/chat} body, streamed as server-sent events when it asks for it. */
    @Override
    public ResponseEntity<?> handle(ChatCall call, JsonNode body) {
        ChatRequest request = ConverseRequestTranslator.fromChat(body, jsonMapper);
        if (ConverseRequestTranslator.wantsStream(body)) {
            return streaming.stream(call, request, new ConverseSseEncoder(jsonMapper));
        }
        return respond(call, request);
    }

    private ResponseEntity<ConverseResponseBody> respond(ChatCall call, ChatRequest request) {
        ChatResponse response = watch.during(call, () -> chatService.converse(call, request));
        return ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(ConverseResponseTranslator.toBody(response));
    }
}
