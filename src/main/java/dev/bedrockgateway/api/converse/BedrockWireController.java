package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.ApiExamples;
import dev.bedrockgateway.chat.ChatCall;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.JsonNode;

/**
 * Bedrock Runtime's own wire format, so an AWS SDK client pointed at the gateway works unchanged.
 * The model ID arrives as one URL-encoded path segment ({@code %3A}, and {@code %2F} in ARNs).
 */
@RestController
@Tag(name = "Bedrock wire", description = "Bedrock Runtime's own API: point an AWS SDK's endpoint at the gateway")
class BedrockWireController {

    private final ConverseChatHandler handler;

    BedrockWireController(ConverseChatHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = BedrockWireStyle.CONVERSE, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Converse (Bedrock Runtime wire format)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "Converse",
                                                            value = ApiExamples.BEDROCK_CONVERSE))))
    ResponseEntity<ConverseResponseBody> converse(
            @Parameter(example = "us.anthropic.claude-3-5-haiku-20241022-v1:0") @PathVariable String modelId,
            @Parameter(hidden = true) ChatCall call,
            @RequestBody JsonNode body) {
        return handler.handleWire(call, modelId, body);
    }

    @PostMapping(path = BedrockWireStyle.CONVERSE_STREAM, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "ConverseStream (Bedrock Runtime wire format: application/vnd.amazon.eventstream frames)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "ConverseStream",
                                                            value = ApiExamples.BEDROCK_CONVERSE))))
    ResponseEntity<ResponseBodyEmitter> converseStream(
            @Parameter(example = "us.anthropic.claude-3-5-haiku-20241022-v1:0") @PathVariable String modelId,
            @Parameter(hidden = true) ChatCall call,
            @RequestBody JsonNode body) {
        return handler.handleWireStream(call, modelId, body);
    }
}
