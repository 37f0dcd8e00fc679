package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;

/**
 * Passes stream events on to the caller's listener and notes on the {@link ChatCall} what metrics and limits
 * need: when the first content arrived, how much text streamed, the usage from the closing metadata, and a
 * failure. When the stream ends it settles the call's limits, before the caller hears of the end.
 */
final class ObservedStream implements ChatStreamListener {

    private final ChatCall call;
    private final ChatStreamListener caller;
    private final Runnable settle;

    ObservedStream(ChatCall call, ChatStreamListener caller, Runnable settle) {
        this.call = call;
        this.caller = caller;
        this.settle = settle;
    }

    @Override
    public void onEvent(ChatStreamEvent event) {
        if (event instanceof ChatStreamEvent.ContentBlockDelta delta) {
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

    /** The generated characters in a delta: answer text, tool input or reasoning. */
    private static int chars(ChatStreamEvent.ContentBlockDelta.Delta delta) {
        int chars = delta.text() == null ? 0 : delta.text().length();
        ChatStreamEvent.ContentBlockDelta.ToolUseDelta toolUse = delta.toolUse();
        ChatStreamEvent.ContentBlockDelta.ReasoningDelta reasoning = delta.reasoningContent();
        String thought = reasoning == null ? null : reasoning.text();
        return chars + (toolUse == null ? 0 : toolUse.input().length()) + (thought == null ? 0 : thought.length());
    }
}
