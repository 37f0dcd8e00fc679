package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Converse success answer. Everything in it except {@code latencyMs} is a pure function of
 * the request and the test hooks (no-output models, prompt-cache history), so tests can assert exact
 * content, stop reasons and token counts.
 *
 * <p>The content, decided in this order:
 * <ol>
 *   <li>a model set to {@link SimulatorState#answerWithoutOutput answer without output}: no {@code output}
 *       at all, stop reason {@code guardrail_intervened}, no output tokens and no cache accounting;
 *   <li>with extended thinking enabled for an Anthropic model, a reasoning block first (see
 *       {@link ReasoningResponder});
 *   <li>if the last user message holds tool results: {@code "Simulated reply to tool results: "} plus
 *       {@code <toolUseId>=<text or compact JSON>} per result (items joined by a space, {@code " (error)"}
 *       appended for an error status), joined by {@code "; "};
 *   <li>else, if {@link ToolCallPlanner} plans calls: {@code "Calling <name1>, <name2>."} and one
 *       {@code toolUse} block per call, stop reason {@code tool_use};
 *   <li>else the echo {@code "Simulated reply to: "} plus the last user message's text blocks joined by a
 *       space ({@code "Simulated reply."} if it has none).
 * </ol>
 * Text replies (3 and 5) are then cut at the earliest {@code inferenceConfig.stopSequences} match
 * ({@code stop_sequence}), then to {@code maxTokens} words ({@code max_tokens}); otherwise {@code end_turn}.
 * Token counts follow {@link TokenCounter}; cache fields follow {@link PromptCache}.
 */
final class ConverseResponder {

    static final String REPLY_PREFIX = "Simulated reply to: ";
    static final String REPLY_WITHOUT_TEXT = "Simulated reply.";
    static final String TOOL_RESULTS_PREFIX = "Simulated reply to tool results: ";

    private final JsonMapper json;
    private final SimulatorState state;
    private final ToolCallPlanner planner;

    ConverseResponder(JsonMapper json, SimulatorState state) {
        this.json = json;
        this.state = state;
        this.planner = new ToolCallPlanner(json);
    }

    /** A text reply, why it ended and the stop sequence it ended at (if so), before it is put into JSON. */
    private record Reply(
            String text, String stopReason, @Nullable String stopSequence) {}

    /** The answer's content blocks, why it ended and the stop sequence it ended at, if it did. */
    private record Answer(
            ArrayNode content, String stopReason, @Nullable String stopSequence) {}

    /**
     * A Converse answer and what the Converse shape cannot say but other APIs report.
     *
     * @param response the Converse response body
     * @param stopSequence the stop sequence the reply was cut at, when the stop reason is {@code stop_sequence}
     */
    record Answered(ObjectNode response, @Nullable String stopSequence) {}

    /** Builds the response body for an already validated request to this model. */
    ObjectNode respond(String modelId, ObjectNode request, long latencyMs) {
        if (state.answersWithoutOutput(modelId)) {
            // The guardrail stopped the request before any model ran: nothing to show, nothing cached.
            ObjectNode response = json.createObjectNode();
            response.put("stopReason", "guardrail_intervened");
            int input = TokenCounter.total(TokenCounter.inputSegments(request));
            putUsage(response, PromptCache.InputUsage.uncached(input), 0);
            response.putObject("metrics").put("latencyMs", latencyMs);
            return response;
        }
        return answer(modelId, request, latencyMs).response();
    }

    /**
     * Builds the answer for an already validated request in Converse's shape, which InvokeModel then rewrites
     * in the provider's shape. Unlike {@link #respond}, it ignores {@link SimulatorState#answerWithoutOutput}:
     * that models a Converse guardrail intervention.
     */
    Answered answer(String modelId, ObjectNode request, long latencyMs) {
        List<TokenCounter.Segment> input = TokenCounter.inputSegments(request);
        ObjectNode response = json.createObjectNode();
        Answer answer = content(modelId, request);
        ObjectNode message = response.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.set("content", answer.content());
        response.put("stopReason", answer.stopReason());
        putUsage(response, state.promptCache().account(modelId, input), TokenCounter.outputTokens(answer.content()));
        response.putObject("metrics").put("latencyMs", latencyMs);

        // Echoing the requested paths lets gateway tests see that the field was passed through.
        JsonNode paths = request.get("additionalModelResponseFieldPaths");
        if (paths != null && paths.isArray()) {
            ArrayNode requested =
                    response.putObject("additionalModelResponseFields").putArray("requestedPaths");
            paths.forEach(requested::add);
        }
        return new Answered(response, answer.stopSequence());
    }

    private Answer content(String modelId, ObjectNode request) {
        JsonNode lastUser = lastUserMessage(request.path("messages"));
        String userText = String.join(" ", texts(lastUser.path("content")));
        ArrayNode content = json.createArrayNode();
        if (ReasoningResponder.enabled(modelId, request)) {
            ReasoningResponder.fill(content.addObject(), userText);
        }
        if (hasToolResults(lastUser)) {
            Reply reply = limit(TOOL_RESULTS_PREFIX + toolResults(lastUser), request.path("inferenceConfig"));
            content.addObject().put("text", reply.text());
            return new Answer(content, reply.stopReason(), reply.stopSequence());
        }
        List<ToolCallPlanner.ToolCall> calls = planner.plan(request, userText);
        if (!calls.isEmpty()) {
            List<String> names =
                    calls.stream().map(ToolCallPlanner.ToolCall::name).toList();
            content.addObject().put("text", "Calling " + String.join(", ", names) + ".");
            for (ToolCallPlanner.ToolCall call : calls) {
                ObjectNode toolUse = content.addObject().putObject("toolUse");
                toolUse.put("toolUseId", call.toolUseId())
                        .put("name", call.name())
                        .set("input", call.input());
            }
            return new Answer(content, "tool_use", null);
        }
        Reply reply = limit(
                userText.isEmpty() ? REPLY_WITHOUT_TEXT : REPLY_PREFIX + userText, request.path("inferenceConfig"));
        content.addObject().put("text", reply.text());
        return new Answer(content, reply.stopReason(), reply.stopSequence());
    }

    /** Cuts a text reply at the earliest stop sequence, then to maxTokens words, in that order. */
    private static Reply limit(String text, JsonNode config) {
        String stopReason = "end_turn";
        String stopSequence = firstStopSequence(text, config.path("stopSequences"));
        if (stopSequence != null) {
            text = text.substring(0, text.indexOf(stopSequence)).stripTrailing();
            stopReason = "stop_sequence";
        }
        JsonNode maxTokens = config.get("maxTokens");
        if (maxTokens != null && maxTokens.canConvertToInt()) {
            String[] words = TokenCounter.words(text);
            if (maxTokens.intValue() < words.length) {
                text = String.join(" ", Arrays.copyOf(words, maxTokens.intValue()));
                stopReason = "max_tokens";
                stopSequence = null;
            }
        }
        return new Reply(text, stopReason, stopSequence);
    }

    private static void putUsage(ObjectNode response, PromptCache.InputUsage input, int outputTokens) {
        ObjectNode usage = response.putObject("usage");
        usage.put("inputTokens", input.inputTokens());
        usage.put("outputTokens", outputTokens);
        usage.put("totalTokens", input.inputTokens() + outputTokens);
        if (input.cacheReadInputTokens() != null) {
            usage.put("cacheReadInputTokens", input.cacheReadInputTokens());
            usage.put("cacheWriteInputTokens", input.cacheWriteInputTokens());
        }
    }

    /** The last user message, or a missing node when there is none. */
    private static JsonNode lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asString(""))) {
                return message;
            }
        }
        return messages.path(messages.size());
    }

    private static boolean hasToolResults(JsonNode message) {
        return message.path("content").valueStream().anyMatch(block -> block.has("toolResult"));
    }

    /** {@code <toolUseId>=<items>} per tool result, joined by "; ". */
    private static String toolResults(JsonNode message) {
        List<String> results = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            JsonNode result = block.get("toolResult");
            if (result == null) {
                continue;
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : result.path("content")) {
                if (item.has("json")) {
                    items.add(item.get("json").toString());
                } else if (item.path("text").isString()) {
                    items.add(item.get("text").stringValue());
                }
            }
            String status = "error".equals(result.path("status").asString("")) ? " (error)" : "";
            results.add(result.path("toolUseId").asString("") + "=" + String.join(" ", items) + status);
        }
        return String.join("; ", results);
    }

    /** The non-empty stop sequence that occurs earliest in the text (the first listed on a tie), or null. */
    private static @Nullable String firstStopSequence(String text, JsonNode stopSequences) {
        String first = null;
        int firstAt = -1;
        for (JsonNode stop : stopSequences) {
            String sequence = stop.asString("");
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0 && (firstAt < 0 || at < firstAt)) {
                first = sequence;
                firstAt = at;
            }
        }
        return first;
    }

    /** The {@code text} members of a list of content blocks, skipping other block kinds. */
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
}
