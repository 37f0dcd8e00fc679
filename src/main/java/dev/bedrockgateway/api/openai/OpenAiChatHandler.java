package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.tenant.Tenant;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The OpenAI-style request path shared by {@code /v1/chat/completions} and {@code /v1/chat}:
 * translate in, call the chat service, translate out.
 */
@Component
public class OpenAiChatHandler {

    private final ChatService chatService;
    private final Clock clock;

    OpenAiChatHandler(ChatService chatService, Clock clock) {
        this.chatService = chatService;
        this.clock = clock;
    }

    /** Handles one OpenAI-style request; translation errors are thrown, upstream ones fail the future. */
    public CompletableFuture<ResponseEntity<OpenAiChatCompletion>> handle(Tenant tenant, OpenAiChatRequest body) {
        ChatRequest request = OpenAiRequestTranslator.toChatRequest(body);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        return chatService.converse(tenant, request).thenApply(response -> ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(OpenAiResponseTranslator.toCompletion(response, request.modelId(), id,
                        clock.instant().getEpochSecond())));
    }
}
