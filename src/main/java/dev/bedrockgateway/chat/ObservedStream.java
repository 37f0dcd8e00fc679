package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;

/**
 * Passes stream events on to the caller's listener and notes on the {@link ChatCall} what metrics need:
 * when the first content arrived, the usage from the closing metadata, and a failure.
 */
final class ObservedStream implements ChatStreamListener {

    private final ChatCall call;
    private final ChatStreamListener caller;

    ObservedStream(ChatCall call, ChatStreamListener caller) {
        this.call = call;
        this.caller = caller;
    }

    @Override
    public void onEvent(ChatStreamEvent event) {
        if (event instanceof ChatStreamEvent.ContentBlockDelta || event instanceof ChatStreamEvent.ContentBlockStart) {
            call.firstToken(System.nanoTime());
        } else if (event instanceof ChatStreamEvent.Metadata metadata) {
            call.usage(metadata.usage());
        }
        caller.onEvent(event);
    }

    @Override
    public void onError(GatewayException error) {
        call.failed(error);
        caller.onError(error);
    }

    @Override
    public void onComplete() {
        caller.onComplete();
    }
}
