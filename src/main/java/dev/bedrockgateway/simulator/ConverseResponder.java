package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Converse success answer. Everything in it except {@code latencyMs} is a pure function of
 * the request, so tests can assert exact text, stop reasons and token counts.
 */
final class ConverseResponder {

    static final String REPLY_PREFIX = "Simulated reply to: ";
    static final String REPLY_WITHOUT_TEXT = "Simulated reply.";

    private final JsonMapper json;

    ConverseResponder(JsonMapper json) {
        this.json = json;
    }

    /** The reply text and why it ended, before it is put into JSON. */
    record Reply(String text, String stopReason) {
    }

    /** Builds the response body for an already validated request. */
    ObjectNode respond(ObjectNode request, long latencyMs) {
        Reply reply = reply(request);
        int inputTokens = countInputWords(request);
        int outputTokens = countWords(reply.text());

        ObjectNode response = json.createObjectNode();
        ObjectNode message = response.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", reply.text());
        response.put("stopReason", reply.stopReason());
        ObjectNode usage = response.putObject("usage");
        usage.put("inputTokens", inputTokens);
        usage.put("outputTokens", outputTokens);
        usage.put("totalTokens", inputTokens + outputTokens);
        response.putObject("metrics").put("latencyMs", latencyMs);

        // Echoing the requested paths lets gateway tests see that the field was passed through.
        JsonNode paths = request.get("additionalModelResponseFieldPaths");
        if (paths != null && paths.isArray()) {
            ArrayNode requested = response.putObject("additionalModelResponseFields").putArray("requestedPaths");
            paths.forEach(requested::add);
        }
        return response;
    }

    /** Echo of the last user message, then stop sequences, then maxTokens, in that order. */
    Reply reply(ObjectNode request) {
        String userText = lastUserText(request.get("messages"));
        String text = userText.isEmpty() ? REPLY_WITHOUT_TEXT : REPLY_PREFIX + userText;
        String stopReason = "end_turn";

        JsonNode config = request.path("inferenceConfig");
        int cut = firstStopSequence(text, config.path("stopSequences"));
        if (cut >= 0) {
            text = text.substring(0, cut).stripTrailing();
            stopReason = "stop_sequence";
        }
        JsonNode maxTokens = config.get("maxTokens");
        if (maxTokens != null && maxTokens.canConvertToInt()) {
            String[] words = words(text);
            if (maxTokens.intValue() < words.length) {
                text = String.join(" ", Arrays.copyOf(words, maxTokens.intValue()));
                stopReason = "max_tokens";
            }
        }
        return new Reply(text, stopReason);
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asString(""))) {
                return String.join(" ", texts(message.path("content")));
            }
        }
        return "";
    }

    /** Earliest index at which any non-empty stop sequence occurs, or -1. */
    private static int firstStopSequence(String text, JsonNode stopSequences) {
        int first = -1;
        for (JsonNode stop : stopSequences) {
            String sequence = stop.asString("");
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static int countInputWords(ObjectNode request) {
        int count = 0;
        for (JsonNode message : request.path("messages")) {
            for (String text : texts(message.path("content"))) {
                count += countWords(text);
            }
        }
        for (String text : texts(request.path("system"))) {
            count += countWords(text);
        }
        return count;
    }

    /** The {@code text} members of a list of content (or system) blocks, skipping other block kinds. */
    private static List<String> texts(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : blocks) {
            JsonNode text = block.get("text");
            if (text != null && text.isString()) {
                texts.add(text.stringValue());
            }
        }
        return texts;
    }

    static int countWords(String text) {
        return words(text).length;
    }

    private static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }
}
