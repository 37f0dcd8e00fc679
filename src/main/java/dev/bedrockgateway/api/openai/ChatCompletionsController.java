package dev.bedrockgateway.api.openai;

import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/chat/completions}: the OpenAI-compatible endpoint stock OpenAI SDKs talk to. */
@RestController
class ChatCompletionsController {

    private final OpenAiChatHandler handler;

    ChatCompletionsController(OpenAiChatHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<OpenAiChatCompletion>> completions(@RequestBody OpenAiChatRequest body) {
        return handler.handle(body);
    }
}
