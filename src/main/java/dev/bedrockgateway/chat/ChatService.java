package dev.bedrockgateway.chat;

import dev.bedrockgateway.routing.ModelRoutingService;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The one request path every API surface shares: checks the core request, routes the model and sends
 * the call upstream.
 */
@Service
public class ChatService {

    private final ModelRoutingService routing;
    private final ChatBackend backend;

    ChatService(ModelRoutingService routing, ChatBackend backend) {
        this.routing = routing;
        this.backend = backend;
    }

    /** Answers a request in full; the future fails with a {@link GatewayException}. */
    public CompletableFuture<ChatResponse> converse(ChatRequest request) {
        if (request.messages().isEmpty()) {
            return CompletableFuture.failedFuture(
                    GatewayException.invalid("messages", "messages must contain at least one message"));
        }
        String bedrockModelId;
        try {
            bedrockModelId = routing.resolve(request.modelId());
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.converse(bedrockModelId, request);
    }
}
