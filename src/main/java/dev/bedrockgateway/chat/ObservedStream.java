package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import org.jspecify.annotations.Nullable;

/**
 * Passes stream events on to the caller's listener and notes on the {@link ChatCall} what metrics and limits
 * need: when the first content arrived, how much text streamed, the usage from the closing metadata, and a
 * failure. When the stream ends it settles the call's limits, before the caller hears of the end.
 */
final class ObservedStream implements ChatStreamListener {

    /** The bytes of an Anthropic text delta event without its text, about the least any event carries. */
    private static final int CHUNK_ENVELOPE = 72;

    private final ChatCall call;
    private final ChatStreamListener caller;
    private final Runnable settle;
    /** Usage read from a provider's own events; made on the first one, then touched by one thread at a time. */
    private InvokeUsage.@Nullable Stream invokeUsage;

    ObservedStream(ChatCall call, ChatStreamListener caller, Runnable settle) {
        this.call = call;
        this.caller = caller;
        this.settle = settle;
    }

    @Override
    public void onEvent(ChatStreamEvent event) {
        if (event instanceof ChatStreamEvent.Chunk chunk) {
            observe(chunk);
        } else if (event instanceof ChatStreamEvent.ContentBlockDelta delta) {
            call.firstToken(System.nanoTime());
            call.streamed(chars(delta.delta()));
        } else if (event instanceof ChatStreamEvent.ContentBlockStart) {
            call.firstToken(System.nanoTime());
        } else if (event instanceof ChatStreamEvent.Metadata metadata) {
            call.usage(metadata.usage());
        }
        caller.onEvent(event);
    }

    @Override
    public void onError(GatewayException error) {
        call.failed(error);
        settle.run();
        caller.onError(error);
    }

    @Override
    public void onComplete() {
        settle.run();
        caller.onComplete();
    }

    /**
     * A provider's own event: it starts the answer, may carry usage, and, until usage is known, counts as
     * generated text beyond the envelope every event has (for settling a stream cut short).
     */
    private void observe(ChatStreamEvent.Chunk chunk) {
        call.firstToken(System.nanoTime());
        call.streamed(Math.max(0, chunk.bytes().length - CHUNK_ENVELOPE));
        InvokeUsage.Stream stream = invokeUsage;
        if (stream == null) {
            stream = new InvokeUsage.Stream();
            invokeUsage = stream;
        }
        stream.add(chunk.bytes());
        TokenUsage usage = stream.usage();
        if (usage != null) {
            call.usage(usage);
        }
    }

    /** The generated characters in a delta: answer text, tool input or reasoning. */
    private static int chars(ChatStreamEvent.ContentBlockDelta.Delta delta) {
        int chars = delta.text() == null ? 0 : delta.text().length();
        ChatStreamEvent.ContentBlockDelta.ToolUseDelta toolUse = delta.toolUse();
        ChatStreamEvent.ContentBlockDelta.ReasoningDelta reasoning = delta.reasoningContent();
        String thought = reasoning == null ? null : reasoning.text();
        return chars + (toolUse == null ? 0 : toolUse.input().length()) + (thought == null ? 0 : thought.length());
    }
}
