package dev.bedrockgateway.api;

import dev.bedrockgateway.api.converse.ConverseChatHandler;
import dev.bedrockgateway.api.openai.OpenAiChatHandler;
import dev.bedrockgateway.api.openai.OpenAiChatRequest;
import dev.bedrockgateway.chat.ApiSurface;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.error.GatewayException;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/chat}: takes an OpenAI-style or a Converse-style body and answers in the same style.
 * The rule: a body with {@code modelId} is Converse style, a body with {@code model} is OpenAI style;
 * one with both or neither is refused, since guessing would answer in a format the caller cannot read.
 */
@RestController
@Tag(name = "Chat", description = "One endpoint for OpenAI-style and Converse-style callers")
class ChatController {

    private final OpenAiChatHandler openAi;
    private final ConverseChatHandler converse;
    private final JsonMapper jsonMapper;

    ChatController(OpenAiChatHandler openAi, ConverseChatHandler converse, JsonMapper jsonMapper) {
        this.openAi = openAi;
        this.converse = converse;
        this.jsonMapper = jsonMapper;
    }

    @PostMapping(path = "/v1/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Chat in OpenAI or Converse style",
            description = "A body with `modelId` is Converse style and is answered as Bedrock's Converse response; "
                    + "a body with `model` is OpenAI style and is answered as a `chat.completion`.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(name = "OpenAI style", value = ApiExamples.OPENAI_CHAT),
                                                @ExampleObject(
                                                        name = "Converse style",
                                                        value = ApiExamples.CONVERSE_CHAT)
                                            })))
    ResponseEntity<?> chat(@Parameter(hidden = true) ChatCall call, @RequestBody JsonNode body) {
        boolean converseStyle = body.has("modelId");
        boolean openAiStyle = body.has("model");
        if (!body.isObject() || converseStyle == openAiStyle) {
            throw GatewayException.invalid(
                    converseStyle ? "model" : null,
                    converseStyle
                            ? "Send either model (OpenAI style) or modelId (Converse style), not both"
                            : "Expected an OpenAI-style body with model and messages[].content as a string or parts, "
                                    + "or a Converse-style body with modelId and messages[].content[] blocks");
        }
        if (converseStyle) {
            call.api(ApiSurface.CONVERSE);
        }
        return converseStyle
                ? converse.handleChat(call, body)
                : openAi.handle(call, jsonMapper.treeToValue(body, OpenAiChatRequest.class));
    }
}
