package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.ApiExamples;
import dev.bedrockgateway.chat.ChatCall;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/chat/completions}: the OpenAI-compatible endpoint stock OpenAI SDKs talk to. */
@RestController
@Tag(name = "OpenAI compatible", description = "Point an OpenAI SDK's base URL at /v1")
class ChatCompletionsController {

    private final OpenAiChatHandler handler;

    ChatCompletionsController(OpenAiChatHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = OpenAiStyle.CHAT_COMPLETIONS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a chat completion (OpenAI Chat Completions API)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(name = "OpenAI style", value = ApiExamples.OPENAI_CHAT),
                                                @ExampleObject(
                                                        name = "Function calling",
                                                        value = ApiExamples.OPENAI_TOOLS),
                                                @ExampleObject(name = "Streamed", value = ApiExamples.OPENAI_STREAM)
                                            })))
    ResponseEntity<?> completions(@Parameter(hidden = true) ChatCall call, @RequestBody OpenAiChatRequest body) {
        return handler.handle(call, body);
    }
}
