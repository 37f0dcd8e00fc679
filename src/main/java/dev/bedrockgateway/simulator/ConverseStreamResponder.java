package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a Converse answer as Bedrock's ConverseStream does: {@code application/vnd.amazon.eventstream}
 * frames (encoded by the SDK's own event-stream library) for messageStart, one contentBlockDelta per word,
 * contentBlockStop, messageStop and metadata. The concatenated deltas equal the non-streamed answer. A
 * scripted fault ends the stream with an exception frame after a number of deltas, and a caller that goes
 * away is recorded as a cancelled stream.
 */
final class ConverseStreamResponder {

    private final JsonMapper json;
    private final SimulatorState state;

    ConverseStreamResponder(JsonMapper json, SimulatorState state) {
        this.json = json;
        this.state = state;
    }

    void stream(HttpExchange exchange, String modelId, ObjectNode reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        SimulatorState.StreamFault fault = state.streamFaultFor(modelId);
        try {
            event(out, "messageStart", json.createObjectNode().put("role", "assistant"));
            List<String> deltas = deltas(reply.path("output").path("message").path("content").path(0).path("text").asString(""));
            for (int i = 0; i < deltas.size(); i++) {
                if (fault != null && i == fault.afterDeltas()) {
                    exception(out, fault.fault());
                    return;
                }
                pause(state.streamDeltaDelay());
                ObjectNode delta = json.createObjectNode().put("contentBlockIndex", 0);
                delta.putObject("delta").put("text", deltas.get(i));
                // Real Bedrock pads events with a random "p" field; clients must ignore it.
                delta.put("p", "abcdefghij".substring(0, 1 + i % 10));
                event(out, "contentBlockDelta", delta);
            }
            if (fault != null) {
                exception(out, fault.fault());
                return;
            }
            event(out, "contentBlockStop", json.createObjectNode().put("contentBlockIndex", 0));
            ObjectNode stop = json.createObjectNode().put("stopReason", reply.path("stopReason").asString());
            if (reply.has("additionalModelResponseFields")) {
                stop.set("additionalModelResponseFields", reply.get("additionalModelResponseFields"));
            }
            event(out, "messageStop", stop);
            ObjectNode metadata = json.createObjectNode();
            metadata.set("usage", reply.path("usage"));
            metadata.set("metrics", reply.path("metrics"));
            event(out, "metadata", metadata);
        } catch (IOException e) {
            // Writing failed: the caller (the gateway) closed the connection mid-stream.
            state.recordCancelledStream(modelId);
        }
    }

    /** Splits text into word-sized pieces that concatenate back to exactly the text. */
    static List<String> deltas(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i - 1) == ' ') {
                if (i > start) {
                    pieces.add(text.substring(start, i));
                }
                start = i;
            }
        }
        return pieces;
    }

    private void event(OutputStream out, String type, JsonNode payload) throws IOException {
        frame(out, Map.of(":message-type", "event", ":event-type", type, ":content-type", "application/json"), payload);
    }

    private void exception(OutputStream out, SimulatorFault fault) throws IOException {
        String type = Character.toLowerCase(fault.errorType().charAt(0)) + fault.errorType().substring(1);
        frame(out, Map.of(":message-type", "exception", ":exception-type", type, ":content-type", "application/json"),
                json.createObjectNode().put("message", fault.message()));
    }

    private void frame(OutputStream out, Map<String, String> headers, JsonNode payload) throws IOException {
        Map<String, HeaderValue> values = new LinkedHashMap<>();
        headers.forEach((name, value) -> values.put(name, HeaderValue.fromString(value)));
        // toByteBuffer, not encode(out): encode wraps a broken pipe in an unchecked exception.
        var buffer = new Message(values, json.writeValueAsBytes(payload)).toByteBuffer();
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        out.flush();
    }

    private static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
