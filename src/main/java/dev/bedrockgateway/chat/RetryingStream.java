package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A stream with the call's retries and fallbacks, which end at its first event: before it, a failure (or silence
 * past {@code first-event-timeout}) is tried again like a call's, on the same model after a backoff, then down the
 * fallback chain; after it, the caller has seen bytes and a failure ends the stream. Attempts run one after another;
 * a superseded attempt's late events are ignored. Waits are scheduled, never slept, since failures arrive on shared
 * threads.
 */
final class RetryingStream implements ChatStream {

    private final Attempts attempts;
    private final ChatStreamListener caller;
    private final BiFunction<Upstream, ChatStreamListener, ChatStream> starter;
    private final Duration firstEventTimeout;
    private volatile Upstream upstream;
    private volatile @Nullable ChatStream current;
    private volatile boolean cancelled;

    RetryingStream(
            Attempts attempts,
            ChatStreamListener caller,
            BiFunction<Upstream, ChatStreamListener, ChatStream> starter,
            Duration firstEventTimeout) {
        this.attempts = attempts;
        this.upstream = attempts.current();
        this.caller = caller;
        this.starter = starter;
        this.firstEventTimeout = firstEventTimeout;
    }

    /** Starts the first attempt; returns itself. */
    RetryingStream begin() {
        attempt();
        return this;
    }

    @Override
    public String bedrockModelId() {
        ChatStream stream = current;
        return stream == null ? upstream.bedrockModelId() : stream.bedrockModelId();
    }

    @Override
    public void cancel() {
        cancelled = true;
        ChatStream stream = current;
        if (stream != null) {
            stream.cancel();
        }
    }

    private void attempt() {
        if (cancelled) {
            return;
        }
        Attempt attempt = new Attempt();
        ChatStream stream;
        try {
            stream = starter.apply(upstream, attempt);
        } catch (GatewayException refused) {
            // Refused before Bedrock heard of it (an open breaker): the same decision as a failure from Bedrock,
            // so an open breaker on the first choice still leads to the next target or fallback.
            attempt.onError(refused);
            return;
        }
        current = stream;
        if (cancelled) {
            stream.cancel();
        }
        Duration silence = firstEventTimeout;
        if (!silence.isZero()) {
            CompletableFuture.delayedExecutor(silence.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt.silentFor(stream, silence));
        }
    }

    /** What to do after an attempt failed before its first event. */
    private void failed(GatewayException failure) {
        Attempts.Next next = cancelled ? null : attempts.next(failure);
        if (next == null) {
            caller.onError(failure);
            return;
        }
        upstream = next.upstream();
        if (next.delay().isZero()) {
            attemptOrFail();
        } else {
            CompletableFuture.delayedExecutor(next.delay().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::attemptOrFail);
        }
    }

    private void attemptOrFail() {
        try {
            attempt();
        } catch (RuntimeException e) {
            caller.onError(ModelGate.classified(e));
        }
    }

    /** One attempt's events: passed on until another attempt replaces it. */
    private final class Attempt implements ChatStreamListener {

        private volatile boolean seen;
        private volatile boolean over;

        @Override
        public void onEvent(ChatStreamEvent event) {
            if (!over) {
                seen = true;
                caller.onEvent(event);
            }
        }

        @Override
        public void onError(GatewayException error) {
            if (over) {
                return;
            }
            over = true;
            if (seen) {
                caller.onError(error);
            } else {
                failed(error);
            }
        }

        @Override
        public void onComplete() {
            if (!over) {
                over = true;
                caller.onComplete();
            }
        }

        /** Bedrock said nothing for too long: this attempt is given up as timed out. */
        void silentFor(ChatStream stream, Duration silence) {
            if (seen || over) {
                return;
            }
            over = true;
            stream.cancel();
            failed(new GatewayException(
                    ErrorKind.UPSTREAM_TIMEOUT,
                    "Bedrock sent no first event within " + silence.toMillis() + " ms",
                    null,
                    "ModelTimeoutException"));
        }
    }
}
