package dev.bedrockgateway.api.converse;

import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Bedrock Runtime's own wire format, so an AWS SDK client pointed at the gateway works unchanged.
 * The model ID arrives as one URL-encoded path segment ({@code %3A}, and {@code %2F} in ARNs).
 */
@RestController
class BedrockWireController {

    private final ConverseChatHandler handler;

    BedrockWireController(ConverseChatHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = "/model/{modelId}/converse", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<ConverseResponseBody>> converse(@PathVariable String modelId,
            @RequestBody JsonNode body) {
        return handler.handleWire(modelId, body);
    }
}
