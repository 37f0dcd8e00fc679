package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * A request style that {@code POST /v1/chat} accepts, recognised by one top-level key of the body and
 * answered in the same style. Declared as a bean by the style's package; ordered by {@code @Order}, which is
 * also the order error messages list the styles in.
 */
public interface ChatBodyStyle {

    /** The tag the call is recorded under, e.g. {@code converse}. */
    String tag();

    /** The top-level key only bodies of this style have, e.g. {@code modelId}. */
    String discriminator();

    /** The style's name for error messages, e.g. {@code Converse style}. */
    String name();

    /** What a body of this style looks like, for error messages. */
    String describe();

    /** Translates the body, calls the chat service and answers in this style. */
    ResponseEntity<?> handle(ChatCall call, JsonNode body);
}
