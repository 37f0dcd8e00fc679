package dev.bedrockgateway.eventstream;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Encodes AWS event-stream frames (prelude, string headers, payload, CRCs) with the SDK's own event-stream codec:
 * the one encoder of Bedrock's stream frames, used by the gateway's {@code converse-stream} surface, the simulator
 * and the benchmark's fake Bedrock (which compiles this file from source). Each one's frames are decoded by a real
 * AWS SDK in the tests, so a wrong frame cannot hide. It must import nothing but the JDK and that codec.
 */
public final class EventStreamFrames {

    private EventStreamFrames() {}

    /** A normal event frame, as Bedrock sends {@code messageStart}, {@code contentBlockDelta}, .... */
    public static byte[] event(String eventType, byte[] jsonPayload) {
        return frame(
                Map.of(":message-type", "event", ":event-type", eventType, ":content-type", "application/json"),
                jsonPayload);
    }

    /** An exception frame that ends a started stream, e.g. {@code throttlingException}. */
    public static byte[] exception(String exceptionType, byte[] jsonPayload) {
        return frame(
                Map.of(
                        ":message-type",
                        "exception",
                        ":exception-type",
                        exceptionType,
                        ":content-type",
                        "application/json"),
                jsonPayload);
    }

    private static byte[] frame(Map<String, String> headers, byte[] payload) {
        Map<String, HeaderValue> values = new LinkedHashMap<>();
        headers.forEach((name, value) -> values.put(name, HeaderValue.fromString(value)));
        var buffer = new Message(values, payload).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
