package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * to exactly the non-streamed answer. Faults, delays and cancelled callers are handled by
 * {@link EventStreamSender}.
 */
final class ConverseStreamResponder {

    private static final int TOOL_INPUT_PIECES = 3;

    private final JsonMapper json;
    private final EventStreamSender sender;

    ConverseStreamResponder(JsonMapper json, EventStreamSender sender) {
        this.json = json;
        this.sender = sender;
    }

    void stream(HttpExchange exchange, String modelId, ObjectNode reply) throws IOException {
        sender.send(exchange, modelId, Map.of(), events(reply), (event, padding) -> {
            if (padding != null) {
                event.payload().put("p", padding);
            }
            return EventStreamFrames.event(event.type(), json.writeValueAsBytes(event.payload()));
        });
    }

    /** The ConverseStream events of a Converse answer, each payload the event's member structure. */
    List<StreamEvent> events(ObjectNode reply) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent("messageStart", json.createObjectNode().put("role", "assistant"), false));
        JsonNode content = reply.path("output").path("message").path("content");
        for (int index = 0; index < content.size(); index++) {
            blockEvents(content.get(index), index, events);
            events.add(new StreamEvent(
                    "contentBlockStop", json.createObjectNode().put("contentBlockIndex", index), false));
        }
        ObjectNode stop = json.createObjectNode()
                .put("stopReason", reply.path("stopReason").asString());
        if (reply.has("additionalModelResponseFields")) {
            stop.set("additionalModelResponseFields", reply.get("additionalModelResponseFields"));
        }
        events.add(new StreamEvent("messageStop", stop, false));
        ObjectNode metadata = json.createObjectNode();
        metadata.set("usage", reply.path("usage"));
        metadata.set("metrics", reply.path("metrics"));
        events.add(new StreamEvent("metadata", metadata, false));
        return events;
    }

    /** The start (tool use only) and delta events of one content block. */
    private void blockEvents(JsonNode block, int index, List<StreamEvent> events) {
        JsonNode toolUse = block.get("toolUse");
        JsonNode reasoning = block.path("reasoningContent").get("reasoningText");
        if (toolUse != null) {
            ObjectNode start = json.createObjectNode().put("contentBlockIndex", index);
            start.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", toolUse.path("toolUseId").asString())
                    .put("name", toolUse.path("name").asString());
            events.add(new StreamEvent("contentBlockStart", start, false));
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
                events.add(new StreamEvent("contentBlockDelta", delta, true));
            }
        }
    }

    private StreamEvent delta(int index, String member, JsonNode value) {
        ObjectNode delta = json.createObjectNode().put("contentBlockIndex", index);
        delta.putObject("delta").set(member, value);
        return new StreamEvent("contentBlockDelta", delta, true);
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
}
