package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.tenant.Tenant;
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
    public CompletableFuture<ResponseEntity<ConverseResponseBody>> handleWire(Tenant tenant, String modelId,
            JsonNode body) {
        return respond(tenant, ConverseRequestTranslator.fromWire(modelId, body, jsonMapper));
    }

    /** Handles a Converse-style {@code /v1/chat} body. */
    public CompletableFuture<ResponseEntity<ConverseResponseBody>> handleChat(Tenant tenant, JsonNode body) {
        return respond(tenant, ConverseRequestTranslator.fromChat(body, jsonMapper));
    }

    private CompletableFuture<ResponseEntity<ConverseResponseBody>> respond(Tenant tenant, ChatRequest request) {
        return chatService.converse(tenant, request).thenApply(response -> ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(ConverseResponseTranslator.toBody(response)));
    }
}
