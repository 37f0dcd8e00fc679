package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/** How one API surface writes a streamed answer: its content type and the bytes of each event. */
public interface StreamEncoder {

    /** The response's content type. */
    MediaType contentType();

    /** The bytes to send for an event; empty when the surface has nothing to say for it. */
    List<byte[]> encode(ChatStreamEvent event);

    /** The bytes that end a complete stream, e.g. {@code data: [DONE]}. */
    List<byte[]> end();

    /** The bytes of an error that ends a stream that has already started. */
    byte[] error(GatewayException error);

    /** The server-sent-events keep-alive: a comment line that clients ignore and proxies see as traffic. */
    static byte[] sseKeepAlive() {
        return ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    }

    /** A no-op line to send during long silences, or null where the format has none. */
    default byte @Nullable [] keepAlive() {
        return null;
    }
}
