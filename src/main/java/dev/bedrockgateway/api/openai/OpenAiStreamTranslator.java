package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatStreamEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Translates core stream events into OpenAI {@code chat.completion.chunk} objects. One instance per stream:
 * it numbers the stream's tool calls ({@code tool_calls[].index}) by the content block they came from, so
 * several calls in one turn are never glued together, and sends {@code {}} for a call whose arguments never
 * came. No I/O; events must arrive in stream order.
 */
final class OpenAiStreamTranslator {

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    private final Set<Integer> blocksWithArguments = new HashSet<>();

    /**
     * Starts a stream.
     *
     * @param id the completion ID shared by all chunks
     * @param created Unix seconds
     * @param model the model as the caller wrote it
     * @param includeUsage whether the caller asked for a usage chunk
     */
    OpenAiStreamTranslator(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** The chunks for one event (often one, sometimes none). */
    List<OpenAiChatCompletionChunk> toChunks(ChatStreamEvent event) {
        // Java 17 has no pattern matching in switch, hence the chain.
        if (event instanceof ChatStreamEvent.MessageStart) {
            return List.of(chunk(OpenAiChatCompletionChunk.Delta.content("assistant", ""), null));
        }
        if (event instanceof ChatStreamEvent.ContentBlockStart start) {
            return toolCallStart(start);
        }
        if (event instanceof ChatStreamEvent.ContentBlockDelta delta) {
            return delta(delta);
        }
        if (event instanceof ChatStreamEvent.ContentBlockStop stop) {
            return toolCallEnd(stop.contentBlockIndex());
        }
        if (event instanceof ChatStreamEvent.MessageStop stop) {
            return List.of(chunk(
                    OpenAiChatCompletionChunk.Delta.content(null, null),
                    OpenAiResponseTranslator.finishReason(stop.stopReason())));
        }
        if (event instanceof ChatStreamEvent.Metadata metadata && includeUsage) {
            return List.of(new OpenAiChatCompletionChunk(
                    id,
                    "chat.completion.chunk",
                    created,
                    model,
                    List.of(),
                    OpenAiResponseTranslator.usage(metadata.usage())));
        }
        return List.of();
    }

    private List<OpenAiChatCompletionChunk> toolCallStart(ChatStreamEvent.ContentBlockStart start) {
        if (start.start() == null || start.start().toolUse() == null) {
            return List.of();
        }
        int index = toolCallByBlock.size();
        toolCallByBlock.put(start.contentBlockIndex(), index);
        var toolUse = start.start().toolUse();
        return List.of(toolCalls(new OpenAiToolCall(
                index, toolUse.toolUseId(), "function", new OpenAiToolCall.FunctionCall(toolUse.name(), ""))));
    }

    private List<OpenAiChatCompletionChunk> delta(ChatStreamEvent.ContentBlockDelta event) {
        var delta = event.delta();
        if (delta.text() != null) {
            return List.of(chunk(OpenAiChatCompletionChunk.Delta.content(null, delta.text()), null));
        }
        if (delta.toolUse() != null) {
            Integer index = toolCallByBlock.get(event.contentBlockIndex());
            if (index == null || delta.toolUse().input().isEmpty()) {
                return List.of();
            }
            blocksWithArguments.add(event.contentBlockIndex());
            return List.of(toolCalls(new OpenAiToolCall(
                    index,
                    null,
                    null,
                    new OpenAiToolCall.FunctionCall(null, delta.toolUse().input()))));
        }
        if (delta.reasoningContent() != null && delta.reasoningContent().text() != null) {
            return List.of(chunk(
                    new OpenAiChatCompletionChunk.Delta(
                            null, null, null, delta.reasoningContent().text()),
                    null));
        }
        return List.of();
    }

    /** A call that ends without arguments gets {@code {}}, as a non-streamed answer would show it. */
    private List<OpenAiChatCompletionChunk> toolCallEnd(int block) {
        Integer index = toolCallByBlock.get(block);
        if (index == null || blocksWithArguments.contains(block)) {
            return List.of();
        }
        return List.of(toolCalls(new OpenAiToolCall(index, null, null, new OpenAiToolCall.FunctionCall(null, "{}"))));
    }

    private OpenAiChatCompletionChunk toolCalls(OpenAiToolCall call) {
        return chunk(new OpenAiChatCompletionChunk.Delta(null, null, List.of(call), null), null);
    }

    private OpenAiChatCompletionChunk chunk(OpenAiChatCompletionChunk.Delta delta, @Nullable String finishReason) {
        return new OpenAiChatCompletionChunk(
                id,
                "chat.completion.chunk",
                created,
                model,
                List.of(new OpenAiChatCompletionChunk.Choice(0, delta, finishReason)),
                null);
    }
}
