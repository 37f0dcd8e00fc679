package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Converse-style request path shared by {@code /model/{modelId}/converse} and {@code /v1/chat}:
 * translate in, call the chat service, translate out.
 */
@Component
public class ConverseChatHandler {

    private final ChatService chatService;
    private final JsonMapper jsonMapper;

    ConverseChatHandler(ChatService chatService, JsonMapper jsonMapper) {
        this.chatService = chatService;
        this.jsonMapper = jsonMapper;
    }

    /** Handles a Bedrock-wire body whose model came from the path. */
    public CompletableFuture<ResponseEntity<ConverseResponseBody>> handleWire(String modelId, JsonNode body) {
        return respond(ConverseRequestTranslator.fromWire(modelId, body, jsonMapper));
    }

    /** Handles a Converse-style {@code /v1/chat} body. */
    public CompletableFuture<ResponseEntity<ConverseResponseBody>> handleChat(JsonNode body) {
        return respond(ConverseRequestTranslator.fromChat(body, jsonMapper));
    }

    private CompletableFuture<ResponseEntity<ConverseResponseBody>> respond(ChatRequest request) {
        return chatService.converse(request).thenApply(response -> ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(ConverseResponseTranslator.toBody(response)));
    }
}
