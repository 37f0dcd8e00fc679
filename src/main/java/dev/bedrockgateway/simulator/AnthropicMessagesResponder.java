package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a simulated answer as Claude answers InvokeModel: the Anthropic Messages response, and for
 * InvokeModelWithResponseStream the Anthropic streaming events in Anthropic's order.
 *
 * <p>The answer itself comes from {@link ConverseResponder} (see {@link AnthropicRequestTranslator}); here its
 * blocks are renamed: reasoning becomes a {@code thinking} block with its signature, toolUse a {@code tool_use}
 * block whose id starts {@code toolu_bdrk_} as Bedrock's do, text stays text. {@code usage} reports the uncached
 * input tokens and always both cache fields (0 without caching), as Anthropic does. {@code model} is the
 * Anthropic model name inside the model id ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} gives
 * {@code claude-sonnet-4-5-20250929}).
 *
 * <p>Streamed, the message is: {@code message_start} (the message without content, output tokens 1),
 * then per block {@code content_block_start}, its deltas ({@code text_delta} per word, {@code thinking_delta} per
 * word then one {@code signature_delta}, {@code input_json_delta} in up to three pieces of the input JSON) and
 * {@code content_block_stop}, then {@code message_delta} (stop reason and output tokens) and
 * {@code message_stop}, which carries Bedrock's {@code amazon-bedrock-invocationMetrics}.
 */
final class AnthropicMessagesResponder {

    static final String TOOL_USE_ID_PREFIX = "toolu_bdrk_01";

    /** The Bedrock version suffix of a model id, {@code -v1:0} or {@code -v2}. */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+(:\\d+)?$");

    private final JsonMapper json;

    AnthropicMessagesResponder(JsonMapper json) {
        this.json = json;
    }

    /** The Messages response for a Converse-shaped answer to a Claude model. */
    ObjectNode message(String modelId, String messageId, ConverseResponder.Answered answered) {
        ObjectNode converse = answered.response();
        ObjectNode message = json.createObjectNode();
        message.put("id", messageId);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", anthropicModelName(modelId));
        ArrayNode content = message.putArray("content");
        for (JsonNode block : converse.path("output").path("message").path("content")) {
            content.add(block(block));
        }
        message.put("stop_reason", converse.path("stopReason").asString());
        message.put("stop_sequence", answered.stopSequence());
        JsonNode usage = converse.path("usage");
        message.putObject("usage")
                .put("input_tokens", usage.path("inputTokens").asInt())
                .put(
                        "cache_creation_input_tokens",
                        usage.path("cacheWriteInputTokens").asInt(0))
                .put(
                        "cache_read_input_tokens",
                        usage.path("cacheReadInputTokens").asInt(0))
                .put("output_tokens", usage.path("outputTokens").asInt());
        return message;
    }

    /** The streaming events of a Messages response; the last one carries the invocation metrics. */
    List<StreamEvent> events(ObjectNode message, ObjectNode invocationMetrics) {
        List<StreamEvent> events = new ArrayList<>();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        JsonNode usage = message.path("usage");
        // Anthropic's message_start reports the input side in full and a placeholder of one output token.
        start.putObject("usage")
                .put("input_tokens", usage.path("input_tokens").asInt())
                .put(
                        "cache_creation_input_tokens",
                        usage.path("cache_creation_input_tokens").asInt())
                .put(
                        "cache_read_input_tokens",
                        usage.path("cache_read_input_tokens").asInt())
                .put("output_tokens", 1);
        events.add(event("message_start", event("message_start").set("message", start)));
        JsonNode content = message.path("content");
        for (int index = 0; index < content.size(); index++) {
            blockEvents(content.get(index), index, events);
            events.add(event("content_block_stop", event("content_block_stop").put("index", index)));
        }
        ObjectNode delta = event("message_delta");
        delta.putObject("delta")
                .put("stop_reason", message.path("stop_reason").asString())
                .set("stop_sequence", message.path("stop_sequence"));
        delta.putObject("usage")
                .put(
                        "output_tokens",
                        message.path("usage").path("output_tokens").asInt());
        events.add(event("message_delta", delta));
        // Bedrock appends its own metrics to the provider's last event.
        events.add(event(
                "message_stop", event("message_stop").set("amazon-bedrock-invocationMetrics", invocationMetrics)));
        return events;
    }

    /**
     * The Anthropic model name in a Bedrock model id, profile id or ARN: what follows {@code anthropic.},
     * without Bedrock's version suffix.
     */
    static String anthropicModelName(String modelId) {
        String id = modelId.substring(modelId.lastIndexOf('/') + 1);
        int at = id.indexOf(ReasoningResponder.ANTHROPIC);
        String name = at < 0 ? id : id.substring(at + ReasoningResponder.ANTHROPIC.length());
        return VERSION_SUFFIX.matcher(name).replaceFirst("").toLowerCase(Locale.ROOT);
    }

    private ObjectNode block(JsonNode block) {
        ObjectNode converted = json.createObjectNode();
        JsonNode reasoning = block.path("reasoningContent").path("reasoningText");
        JsonNode toolUse = block.path("toolUse");
        if (reasoning.isObject()) {
            converted.put("type", "thinking");
            converted.put("thinking", reasoning.path("text").asString(""));
            converted.put("signature", reasoning.path("signature").asString(""));
        } else if (toolUse.isObject()) {
            converted.put("type", "tool_use");
            converted.put("id", toolUseId(toolUse.path("toolUseId").asString("")));
            converted.put("name", toolUse.path("name").asString(""));
            converted.set("input", toolUse.path("input"));
        } else {
            converted.put("type", "text");
            converted.put("text", block.path("text").asString(""));
        }
        return converted;
    }

    /** Bedrock's Claude tool-use ids look like {@code toolu_bdrk_01...}; the planner's hash part is kept. */
    private static String toolUseId(String plannedId) {
        int separator = plannedId.indexOf('_');
        return TOOL_USE_ID_PREFIX + plannedId.substring(separator + 1);
    }

    private void blockEvents(JsonNode block, int index, List<StreamEvent> events) {
        String type = block.path("type").asString("");
        ObjectNode started = json.createObjectNode().put("type", type);
        switch (type) {
            case "thinking" -> started.put("thinking", "").put("signature", "");
            case "tool_use" ->
                started.put("id", block.path("id").asString(""))
                        .put("name", block.path("name").asString(""))
                        .putObject("input");
            default -> started.put("text", "");
        }
        events.add(event(
                "content_block_start",
                event("content_block_start").put("index", index).set("content_block", started)));
        switch (type) {
            case "thinking" -> {
                for (String word :
                        ConverseStreamResponder.deltas(block.path("thinking").asString(""))) {
                    events.add(delta(index, "thinking_delta", "thinking", word));
                }
                events.add(delta(
                        index,
                        "signature_delta",
                        "signature",
                        block.path("signature").asString("")));
            }
            case "tool_use" -> {
                for (String piece : ConverseStreamResponder.pieces(json.writeValueAsString(block.path("input")))) {
                    events.add(delta(index, "input_json_delta", "partial_json", piece));
                }
            }
            default -> {
                for (String word :
                        ConverseStreamResponder.deltas(block.path("text").asString(""))) {
                    events.add(delta(index, "text_delta", "text", word));
                }
            }
        }
    }

    private StreamEvent delta(int index, String deltaType, String field, String value) {
        ObjectNode delta = event("content_block_delta").put("index", index);
        delta.putObject("delta").put("type", deltaType).put(field, value);
        return new StreamEvent("content_block_delta", delta, true);
    }

    /** A new event payload: every Anthropic stream event names its own type first. */
    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type);
    }

    private static StreamEvent event(String type, ObjectNode payload) {
        return new StreamEvent(type, payload, false);
    }
}
