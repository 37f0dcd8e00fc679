package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.OnDemandRefusal;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A stream sent to a direct model ID that, if Bedrock refuses it for on-demand throughput before any
 * event, is started again with the inference profile; the caller sees only the second stream.
 */
final class SelfHealingStream implements ChatStreamListener, ChatStream {

    private final ChatStreamListener caller;
    private final Function<GatewayException, ChatStream> retry;
    private final String retryModelId;
    private final AtomicReference<ChatStream> current = new AtomicReference<>();
    private volatile String bedrockModelId;
    private volatile boolean started;
    private volatile boolean cancelled;

    SelfHealingStream(
            ChatStreamListener caller,
            String firstModelId,
            String retryModelId,
            Function<GatewayException, ChatStream> retry) {
        this.caller = caller;
        this.bedrockModelId = firstModelId;
        this.retryModelId = retryModelId;
        this.retry = retry;
    }

    /** Registers the first stream, unless a retry already replaced it (the refusal can beat this call). */
    void start(ChatStream first) {
        current.compareAndSet(null, first);
        if (cancelled) {
            cancel();
        }
    }

    @Override
    public void onEvent(ChatStreamEvent event) {
        started = true;
        caller.onEvent(event);
    }

    @Override
    public void onError(GatewayException error) {
        if (!started && !cancelled && OnDemandRefusal.matches(error)) {
            bedrockModelId = retryModelId;
            current.set(retry.apply(error));
            if (cancelled) {
                cancel();
            }
            return;
        }
        caller.onError(error);
    }

    @Override
    public void onComplete() {
        caller.onComplete();
    }

    @Override
    public String bedrockModelId() {
        return bedrockModelId;
    }

    @Override
    public void cancel() {
        cancelled = true;
        ChatStream stream = current.get();
        if (stream != null) {
            stream.cancel();
        }
    }
}
