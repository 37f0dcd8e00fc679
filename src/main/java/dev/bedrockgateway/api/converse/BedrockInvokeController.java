package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.ApiExamples;
import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.StreamingResponses;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.InvokeRequest;
import dev.bedrockgateway.chat.InvokeResponse;
import dev.bedrockgateway.chat.InvokeService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bedrock Runtime's InvokeModel wire, so the AWS SDKs' {@code invokeModel} and the Anthropic Bedrock SDKs (and
 * Claude Code with {@code CLAUDE_CODE_USE_BEDROCK=1}) work through the gateway: the provider's own JSON goes to
 * Bedrock byte for byte under the routed model ID, and its answer comes back the same way.
 */
@RestController
@Tag(name = "Bedrock wire", description = "Bedrock Runtime's own API: point an AWS SDK's endpoint at the gateway")
class BedrockInvokeController {

    private final InvokeService invokeService;
    private final CallerWatch watch;
    private final StreamingResponses streaming;
    private final JsonMapper jsonMapper;

    BedrockInvokeController(
            InvokeService invokeService, StreamingResponses streaming, JsonMapper jsonMapper, CallerWatch watch) {
        this.invokeService = invokeService;
        this.watch = watch;
        this.streaming = streaming;
        this.jsonMapper = jsonMapper;
    }

    @PostMapping(path = BedrockInvokeStyle.INVOKE)
    @Operation(
            summary = "InvokeModel (Bedrock Runtime wire format: the model provider's own JSON)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "Anthropic Claude",
                                                            value = ApiExamples.BEDROCK_INVOKE_CLAUDE))))
    ResponseEntity<byte[]> invoke(
            @Parameter(example = "us.anthropic.claude-haiku-4-5-20251001-v1:0") @PathVariable String modelId,
            @Parameter(hidden = true) ChatCall call,
            @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody byte[] body) {
        InvokeResponse response =
                watch.during(call, () -> invokeService.invoke(call, InvokeWire.request(modelId, body, headers, false)));
        return InvokeWire.response(response, Objects.requireNonNullElse(call.bedrockModelId(), modelId));
    }

    @PostMapping(path = BedrockInvokeStyle.INVOKE_STREAM)
    @Operation(
            summary = "InvokeModelWithResponseStream (application/vnd.amazon.eventstream frames of chunk events)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "Anthropic Claude",
                                                            value = ApiExamples.BEDROCK_INVOKE_CLAUDE))))
    ResponseEntity<ResponseBodyEmitter> invokeStream(
            @Parameter(example = "us.anthropic.claude-haiku-4-5-20251001-v1:0") @PathVariable String modelId,
            @Parameter(hidden = true) ChatCall call,
            @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody byte[] body) {
        InvokeRequest request = InvokeWire.request(modelId, body, headers, true);
        return streaming.stream(call, request, new BedrockEventStreamEncoder(jsonMapper));
    }
}
