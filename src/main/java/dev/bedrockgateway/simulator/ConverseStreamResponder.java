package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a Converse answer as Bedrock's ConverseStream does: {@code application/vnd.amazon.eventstream}
 * frames (encoded by the SDK's own event-stream library) for messageStart, each content block in turn,
 * messageStop and metadata. Each block has its own {@code contentBlockIndex}:
 * <ul>
 *   <li>text: one {@code text} delta per word, without contentBlockStart (as Bedrock sends text);
 *   <li>toolUse: contentBlockStart with the id and name, then the input JSON in 2 or 3
 *       {@code toolUse.input} pieces (none for an empty input {@code {}});
 *   <li>reasoning: one {@code reasoningContent.text} delta per word, then one {@code signature} delta;
 * </ul>
 * each ended by contentBlockStop. An answer without output has no blocks at all. The deltas reassemble
 * to exactly the non-streamed answer. A scripted fault ends the stream with an exception frame after a
 * number of deltas of any kind, and a caller that goes away is recorded as a cancelled stream.
 */
final class ConverseStreamResponder {

    private static final int TOOL_INPUT_PIECES = 3;

    private final JsonMapper json;
    private final SimulatorState state;

    ConverseStreamResponder(JsonMapper json, SimulatorState state) {
        this.json = json;
        this.state = state;
    }

    /** One frame to send; deltas are the frames that faults and delays count. */
    private record Event(String type, ObjectNode payload, boolean delta) {}

    void stream(HttpExchange exchange, String modelId, ObjectNode reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        SimulatorState.StreamFault fault = state.streamFaultFor(modelId);
        List<Event> events = events(reply);
        long totalDeltas = events.stream().filter(Event::delta).count();
        // With fewer deltas than scripted, the fault follows the last delta (or messageStart if there is none).
        long failAfter = fault == null ? -1 : Math.min(fault.afterDeltas(), totalDeltas);
        int sent = 0;
        try {
            for (Event event : events) {
                if (event.delta()) {
                    pause(state.streamDeltaDelay());
                    // Real Bedrock pads events with a random "p" field; clients must ignore it.
                    event.payload().put("p", "abcdefghij".substring(0, 1 + sent % 10));
                }
                write(out, EventStreamFrames.event(event.type(), json.writeValueAsBytes(event.payload())));
                if (event.delta()) {
                    sent++;
                }
                if (fault != null && sent == failAfter && (event.delta() || "messageStart".equals(event.type()))) {
                    exception(out, fault.fault());
                    return;
                }
            }
        } catch (IOException e) {
            // Writing failed: the caller (the gateway) closed the connection mid-stream.
            state.recordCancelledStream(modelId);
        }
    }

    private List<Event> events(ObjectNode reply) {
        List<Event> events = new ArrayList<>();
        events.add(new Event("messageStart", json.createObjectNode().put("role", "assistant"), false));
        JsonNode content = reply.path("output").path("message").path("content");
        for (int index = 0; index < content.size(); index++) {
            blockEvents(content.get(index), index, events);
            events.add(new Event("contentBlockStop", json.createObjectNode().put("contentBlockIndex", index), false));
        }
        ObjectNode stop = json.createObjectNode()
                .put("stopReason", reply.path("stopReason").asString());
        if (reply.has("additionalModelResponseFields")) {
            stop.set("additionalModelResponseFields", reply.get("additionalModelResponseFields"));
        }
        events.add(new Event("messageStop", stop, false));
        ObjectNode metadata = json.createObjectNode();
        metadata.set("usage", reply.path("usage"));
        metadata.set("metrics", reply.path("metrics"));
        events.add(new Event("metadata", metadata, false));
        return events;
    }

    /** The start (tool use only) and delta events of one content block. */
    private void blockEvents(JsonNode block, int index, List<Event> events) {
        JsonNode toolUse = block.get("toolUse");
        JsonNode reasoning = block.path("reasoningContent").get("reasoningText");
        if (toolUse != null) {
            ObjectNode start = json.createObjectNode().put("contentBlockIndex", index);
            start.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", toolUse.path("toolUseId").asString())
                    .put("name", toolUse.path("name").asString());
            events.add(new Event("contentBlockStart", start, false));
            for (String piece : pieces(json.writeValueAsString(toolUse.path("input")))) {
                events.add(delta(index, "toolUse", json.createObjectNode().put("input", piece)));
            }
        } else if (reasoning != null) {
            for (String word : deltas(reasoning.path("text").asString(""))) {
                events.add(
                        delta(index, "reasoningContent", json.createObjectNode().put("text", word)));
            }
            events.add(delta(
                    index,
                    "reasoningContent",
                    json.createObjectNode()
                            .put("signature", reasoning.path("signature").asString(""))));
        } else {
            for (String word : deltas(block.path("text").asString(""))) {
                ObjectNode delta = json.createObjectNode().put("contentBlockIndex", index);
                delta.putObject("delta").put("text", word);
                events.add(new Event("contentBlockDelta", delta, true));
            }
        }
    }

    private Event delta(int index, String member, JsonNode value) {
        ObjectNode delta = json.createObjectNode().put("contentBlockIndex", index);
        delta.putObject("delta").set(member, value);
        return new Event("contentBlockDelta", delta, true);
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

    /**
     * Splits a tool input's JSON into up to three pieces, as Bedrock streams partial JSON; an empty
     * input ({@code {}}) is not streamed at all.
     */
    static List<String> pieces(String inputJson) {
        if (inputJson.isEmpty() || "{}".equals(inputJson)) {
            return List.of();
        }
        int count = Math.min(TOOL_INPUT_PIECES, inputJson.length());
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pieces.add(inputJson.substring(inputJson.length() * i / count, inputJson.length() * (i + 1) / count));
        }
        return pieces;
    }

    private void exception(OutputStream out, SimulatorFault fault) throws IOException {
        String type = Character.toLowerCase(fault.errorType().charAt(0))
                + fault.errorType().substring(1);
        write(
                out,
                EventStreamFrames.exception(
                        type, json.writeValueAsBytes(json.createObjectNode().put("message", fault.message()))));
    }

    private static void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
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
