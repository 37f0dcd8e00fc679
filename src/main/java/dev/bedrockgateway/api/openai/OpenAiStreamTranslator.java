package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;

/** Translates core stream events into OpenAI {@code chat.completion.chunk} objects; pure. */
public final class OpenAiStreamTranslator {

    private OpenAiStreamTranslator() {
    }

    /**
     * The chunks for one event (often one, sometimes none).
     *
     * @param event the core event
     * @param id the completion ID shared by all chunks
     * @param created Unix seconds
     * @param model the model as the caller wrote it
     * @param includeUsage whether the caller asked for a usage chunk
     */
    public static List<OpenAiChatCompletionChunk> toChunks(ChatStreamEvent event, String id, long created,
            String model, boolean includeUsage) {
        if (event instanceof ChatStreamEvent.MessageStart) {
            return List.of(chunk(id, created, model, new OpenAiChatCompletionChunk.Delta("assistant", ""), null));
        }
        if (event instanceof ChatStreamEvent.ContentBlockDelta delta && delta.delta().text() != null) {
            return List.of(chunk(id, created, model, new OpenAiChatCompletionChunk.Delta(null, delta.delta().text()), null));
        }
        if (event instanceof ChatStreamEvent.MessageStop stop) {
            return List.of(chunk(id, created, model, new OpenAiChatCompletionChunk.Delta(null, null),
                    OpenAiResponseTranslator.finishReason(stop.stopReason())));
        }
        if (event instanceof ChatStreamEvent.Metadata metadata && includeUsage) {
            TokenUsage usage = metadata.usage();
            return List.of(new OpenAiChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(),
                    new OpenAiChatCompletion.Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens())));
        }
        return List.of();
    }

    private static OpenAiChatCompletionChunk chunk(String id, long created, String model,
            OpenAiChatCompletionChunk.Delta delta, String finishReason) {
        return new OpenAiChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new OpenAiChatCompletionChunk.Choice(0, delta, finishReason)), null);
    }
}
