package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.chat.ToolUseBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one Converse stream into the Responses API's typed events, in OpenAI's order: {@code response.created},
 * {@code response.in_progress}, then for each output item {@code response.output_item.added}, its parts and deltas
 * ({@code response.output_text.delta}, {@code response.function_call_arguments.delta},
 * {@code response.reasoning_summary_text.delta}), their {@code .done} events and {@code response.output_item.done},
 * and last {@code response.completed} (or {@code response.incomplete}) with the whole response, as the protocol
 * requires. Deltas are passed on as they come; only the text needed by the {@code .done} events and the final
 * response is kept. One instance per stream; not thread-safe (a stream's events arrive in order).
 */
final class ResponsesStreamTranslator {

    private final JsonMapper json;
    private ResponsesObject response;
    private final Map<Integer, Open> open = new HashMap<>();
    private final Map<Integer, ResponsesItem> done = new LinkedHashMap<>();
    private final List<ContentBlock> answer = new ArrayList<>();
    private int nextOutputIndex;
    private long sequence;
    private boolean started;
    private @Nullable String stopReason;
    private @Nullable TokenUsage usage;
    private int reasoningChars;

    ResponsesStreamTranslator(ResponsesObject created, JsonMapper json) {
        this.response = created;
        this.json = json;
    }

    /** The events for one stream event, each as its type and JSON body. */
    List<ObjectNode> toEvents(ChatStreamEvent event) {
        List<ObjectNode> events = new ArrayList<>();
        if (!started) {
            started = true;
            events.add(event("response.created").putPOJO("response", response));
            events.add(event("response.in_progress").putPOJO("response", response));
        }
        if (event instanceof ChatStreamEvent.ContentBlockStart start
                && start.start().toolUse() != null) {
            var tool = start.start().toolUse();
            Open call = open(start.contentBlockIndex(), Kind.TOOL, "fc_" + tool.toolUseId());
            call.callId = tool.toolUseId();
            call.name = tool.name();
            events.add(
                    added(call, ResponsesResponseTranslator.functionCall(call.callId, call.name, "", "in_progress")));
        } else if (event instanceof ChatStreamEvent.ContentBlockDelta delta) {
            delta(delta, events);
        } else if (event instanceof ChatStreamEvent.ContentBlockStop stop) {
            close(stop.contentBlockIndex(), events);
        } else if (event instanceof ChatStreamEvent.MessageStop stop) {
            stopReason = stop.stopReason();
        } else if (event instanceof ChatStreamEvent.Metadata metadata) {
            usage = metadata.usage();
        }
        return events;
    }

    /** The last event of a stream that ended well: the whole response, completed or incomplete. */
    ObjectNode finish() {
        for (Integer index : List.copyOf(open.keySet())) {
            close(index, new ArrayList<>());
        }
        ResponsesObject.IncompleteDetails details = ResponsesResponseTranslator.incomplete(stopReason);
        response = response.with(
                details == null ? "completed" : "incomplete",
                List.copyOf(done.values()),
                usage == null ? null : ResponsesResponseTranslator.usage(usage, reasoningChars),
                details,
                null);
        return event(details == null ? "response.completed" : "response.incomplete")
                .putPOJO("response", response);
    }

    /** The events of a stream that failed after it started: {@code error}, then {@code response.failed}. */
    List<ObjectNode> fail(String code, String message, @Nullable String param) {
        ObjectNode error =
                event("error").put("code", code).put("message", message).put("param", param);
        response = response.with(
                "failed", List.copyOf(done.values()), null, null, new ResponsesObject.Problem(code, message));
        return List.of(error, event("response.failed").putPOJO("response", response));
    }

    /** The finished response, after {@link #finish}. */
    ResponsesObject response() {
        return response;
    }

    /** The assistant's turn as the core holds it, to continue the conversation from. */
    Message answer() {
        return new Message(Role.ASSISTANT, answer);
    }

    private void delta(ChatStreamEvent.ContentBlockDelta event, List<ObjectNode> events) {
        var delta = event.delta();
        int index = event.contentBlockIndex();
        if (delta.text() != null) {
            Open text = open.get(index);
            if (text == null) {
                text = open(index, Kind.TEXT, ResponsesResponseTranslator.newId("msg_"));
                events.add(added(
                        text,
                        new ResponsesItem.MessageItem("message", text.itemId, "in_progress", "assistant", List.of())));
                events.add(part(text, "response.content_part.added", ""));
            }
            text.text.append(delta.text());
            events.add(at(text, "response.output_text.delta")
                    .put("delta", delta.text())
                    .set("logprobs", empty()));
        } else if (delta.toolUse() != null) {
            Open call = open.get(index);
            if (call != null) {
                call.text.append(delta.toolUse().input());
                events.add(item(call, "response.function_call_arguments.delta")
                        .put("delta", delta.toolUse().input()));
            }
        } else if (delta.reasoningContent() != null) {
            Open reasoning = open.get(index);
            if (reasoning == null) {
                reasoning = open(index, Kind.REASONING, ResponsesResponseTranslator.newId("rs_"));
                events.add(added(reasoning, ResponsesResponseTranslator.reasoningItem(reasoning.itemId, "")));
                events.add(summary(reasoning, "response.reasoning_summary_part.added")
                        .set("part", summaryPart("")));
            }
            var piece = delta.reasoningContent();
            if (piece.text() != null) {
                reasoning.text.append(piece.text());
                events.add(summary(reasoning, "response.reasoning_summary_text.delta")
                        .put("delta", piece.text()));
            }
            if (piece.signature() != null) {
                reasoning.signature = piece.signature();
            }
        }
    }

    private void close(int index, List<ObjectNode> events) {
        Open block = open.remove(index);
        if (block == null) {
            return;
        }
        String text = block.text.toString();
        ResponsesItem item;
        switch (block.kind) {
            case TEXT -> {
                events.add(
                        at(block, "response.output_text.done").put("text", text).set("logprobs", empty()));
                events.add(part(block, "response.content_part.done", text));
                item = new ResponsesItem.MessageItem(
                        "message", block.itemId, "completed", "assistant", List.of(ResponsesItem.OutputText.of(text)));
                answer.add(ContentBlock.text(text));
            }
            case TOOL -> {
                String arguments = OpenAiResponseTranslator.arguments(text);
                events.add(item(block, "response.function_call_arguments.done").put("arguments", arguments));
                item = ResponsesResponseTranslator.functionCall(block.callId, block.name, arguments, "completed");
                answer.add(ContentBlock.toolUse(new ToolUseBlock(block.callId, block.name, input(arguments))));
            }
            default -> {
                reasoningChars += text.length();
                events.add(
                        summary(block, "response.reasoning_summary_text.done").put("text", text));
                events.add(
                        summary(block, "response.reasoning_summary_part.done").set("part", summaryPart(text)));
                item = ResponsesResponseTranslator.reasoningItem(block.itemId, text);
                answer.add(ContentBlock.reasoning(
                        new ReasoningBlock(new ReasoningBlock.ReasoningText(text, block.signature), null)));
            }
        }
        done.put(block.outputIndex, item);
        events.add(event("response.output_item.done")
                .put("output_index", block.outputIndex)
                .putPOJO("item", item));
    }

    private JsonNode input(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments);
            return parsed.isObject() ? parsed : JsonNodeFactory.instance.objectNode();
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private Open open(int index, Kind kind, String itemId) {
        Open block = new Open(kind, nextOutputIndex++, itemId);
        open.put(index, block);
        return block;
    }

    private ObjectNode added(Open block, ResponsesItem item) {
        return event("response.output_item.added")
                .put("output_index", block.outputIndex)
                .putPOJO("item", item);
    }

    private ObjectNode item(Open block, String type) {
        return event(type).put("item_id", block.itemId).put("output_index", block.outputIndex);
    }

    private ObjectNode at(Open block, String type) {
        return item(block, type).put("content_index", 0);
    }

    private ObjectNode part(Open block, String type, String text) {
        return at(block, type).putPOJO("part", ResponsesItem.OutputText.of(text));
    }

    private ObjectNode summary(Open block, String type) {
        return item(block, type).put("summary_index", 0);
    }

    private static ObjectNode summaryPart(String text) {
        return JsonNodeFactory.instance.objectNode().put("type", "summary_text").put("text", text);
    }

    private static ArrayNode empty() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("sequence_number", sequence++);
    }

    private enum Kind {
        TEXT,
        TOOL,
        REASONING
    }

    /** An output item still being streamed. */
    private static final class Open {
        final Kind kind;
        final int outputIndex;
        final String itemId;
        final StringBuilder text = new StringBuilder();
        String callId = "";
        String name = "";

        @Nullable String signature;

        Open(Kind kind, int outputIndex, String itemId) {
            this.kind = kind;
            this.outputIndex = outputIndex;
            this.itemId = itemId;
        }
    }
}
