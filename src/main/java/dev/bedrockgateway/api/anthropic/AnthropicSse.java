package dev.bedrockgateway.api.anthropic;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/** Anthropic's server-sent events: {@code event: <type>} and one line of JSON data, then a blank line. */
final class AnthropicSse {

    static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;

    /** What Anthropic sends while a stream is quiet; its SDKs skip it. */
    static final byte[] PING = event("ping", "{\"type\": \"ping\"}".getBytes(StandardCharsets.UTF_8));

    private AnthropicSse() {}

    /** One event, in one array so that it goes out in one write. */
    static byte[] event(String type, byte[] json) {
        byte[] head = ("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] event = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, event, 0, head.length);
        System.arraycopy(json, 0, event, head.length, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }
}
