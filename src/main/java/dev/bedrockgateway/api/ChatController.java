package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.error.GatewayException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/chat}: takes a body in any {@link ChatBodyStyle} (OpenAI and Converse today) and answers
 * in the same style. The rule: the one top-level key each style owns ({@code model} for OpenAI,
 * {@code modelId} for Converse) says which; a body with several or none is refused, since guessing would
 * answer in a format the caller cannot read.
 */
@RestController
@Tag(name = "Chat", description = "One endpoint for OpenAI-style and Converse-style callers")
class ChatController {

    private final List<ChatBodyStyle> styles;

    ChatController(List<ChatBodyStyle> styles) {
        this.styles = List.copyOf(styles);
    }

    @PostMapping(path = RouteTable.CHAT, consumes = MediaType.APPLICATION_JSON_VALUE)
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
    ResponseEntity<?> chat(
            @Parameter(hidden = true) ChatCall call, @RequestBody JsonNode body, HttpServletRequest request) {
        List<ChatBodyStyle> matching = body.isObject()
                ? styles.stream()
                        .filter(style -> body.has(style.discriminator()))
                        .toList()
                : List.of();
        if (matching.size() != 1) {
            throw matching.isEmpty() ? unrecognised() : ambiguous(matching);
        }
        ChatBodyStyle style = matching.get(0);
        RouteTable.tag(request, style.tag());
        return style.handle(call, body);
    }

    private GatewayException unrecognised() {
        return GatewayException.invalid(
                null, "Expected " + styles.stream().map(ChatBodyStyle::describe).collect(Collectors.joining(", or ")));
    }

    private static GatewayException ambiguous(List<ChatBodyStyle> matching) {
        return GatewayException.invalid(
                matching.get(0).discriminator(),
                "Send either "
                        + matching.stream()
                                .map(style -> style.discriminator() + " (" + style.name() + ")")
                                .collect(Collectors.joining(" or "))
                        + ", not both");
    }
}
