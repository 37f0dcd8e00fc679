package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.ApiExamples;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Messages API, for Claude Code ({@code ANTHROPIC_BASE_URL}) and the Anthropic SDKs. The key comes as
 * {@code x-api-key} or {@code Authorization: Bearer}; {@code anthropic-version} is accepted and
 * {@code anthropic-beta} is carried to Bedrock in the body.
 */
@RestController
@Tag(name = "Anthropic", description = "Anthropic's Messages API: point Claude Code or an Anthropic SDK at the gateway")
class AnthropicMessagesController {

    private static final String BETA = "anthropic-beta";

    private final AnthropicMessagesHandler handler;

    AnthropicMessagesController(AnthropicMessagesHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = AnthropicStyle.MESSAGES, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a message (Anthropic Messages API; \"stream\": true answers server-sent events)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(name = "Claude", value = ApiExamples.ANTHROPIC_MESSAGES),
                                                @ExampleObject(
                                                        name = "Claude, streamed",
                                                        value = ApiExamples.ANTHROPIC_MESSAGES_STREAM)
                                            })))
    ResponseEntity<?> messages(
            @Parameter(hidden = true) ChatCall call,
            @RequestHeader(name = BETA, required = false) @Nullable List<String> betas,
            @RequestBody JsonNode body) {
        return handler.messages(call, body, betas == null ? List.of() : betas);
    }

    @PostMapping(path = AnthropicStyle.COUNT_TOKENS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Count the input tokens of a message (Bedrock's CountTokens; Claude models only)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "Claude",
                                                            value = ApiExamples.ANTHROPIC_COUNT_TOKENS))))
    AnthropicTokenCount countTokens(
            @Parameter(hidden = true) Tenant tenant,
            @RequestHeader(name = BETA, required = false) @Nullable List<String> betas,
            @RequestBody JsonNode body) {
        return handler.countTokens(tenant, body, betas == null ? List.of() : betas);
    }
}
