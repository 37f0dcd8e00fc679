package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stream with the call's retries and fallbacks, which end at its first event: before it, a failure (or silence
 * past {@code first-event-timeout}) is tried again like a call's, on the same model after a backoff, then down the
 * fallback chain; after it, the caller has seen bytes and a failure ends the stream. Attempts run one after another;
 * a superseded attempt's late events are ignored. Waits are scheduled, never slept, since failures arrive on shared
 * threads.
 */
final class RetryingStream implements ChatStream {

    private final ChatCall call;
    private final ChatStreamListener caller;
    private final BiFunction<ModelRoute, ChatStreamListener, ChatStream> starter;
    private final Supplier<@Nullable ModelRoute> fallbacks;
    private final Function<GatewayException, Duration> backoff;
    private final RetryProperties retry;
    private final long deadline;
    private volatile ModelRoute route;
    private volatile int triesOfRoute;
    private volatile @Nullable ChatStream current;
    private volatile boolean cancelled;

    RetryingStream(
            ChatCall call,
            ModelRoute first,
            ChatStreamListener caller,
            BiFunction<ModelRoute, ChatStreamListener, ChatStream> starter,
            Supplier<@Nullable ModelRoute> fallbacks,
            Function<GatewayException, Duration> backoff,
            RetryProperties retry) {
        this.call = call;
        this.route = first;
        this.caller = caller;
        this.starter = starter;
        this.fallbacks = fallbacks;
        this.backoff = backoff;
        this.retry = retry;
        this.deadline = System.nanoTime() + retry.deadline().toNanos();
    }

    /** Starts the first attempt; returns itself. */
    RetryingStream begin() {
        attempt();
        return this;
    }

    @Override
    public String bedrockModelId() {
        ChatStream stream = current;
        return stream == null ? route.bedrockModelId() : stream.bedrockModelId();
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
        triesOfRoute++;
        call.attempted();
        Attempt attempt = new Attempt();
        ChatStream stream;
        try {
            stream = starter.apply(route, attempt);
        } catch (GatewayException refused) {
            // Refused before Bedrock heard of it (an open breaker): the same decision as a failure from Bedrock,
            // so an open breaker on the first choice still leads to the fallback.
            attempt.onError(refused);
            return;
        }
        current = stream;
        if (cancelled) {
            stream.cancel();
        }
        Duration silence = retry.firstEventTimeout();
        if (!silence.isZero()) {
            CompletableFuture.delayedExecutor(silence.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt.silentFor(stream, silence));
        }
    }

    /** What to do after an attempt failed before its first event. */
    private void failed(GatewayException failure) {
        RetryReason reason = RetryReason.of(failure);
        if (cancelled || reason == null || !retry.retries(reason) || call.attempts() >= retry.maxAttempts()) {
            caller.onError(failure);
            return;
        }
        if (triesOfRoute == 1 && !ModelGate.circuitOpen(failure)) {
            Duration wait = backoff.apply(failure);
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                caller.onError(failure);
                return;
            }
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::attemptOrFail);
            return;
        }
        ModelRoute next = System.nanoTime() < deadline ? fallbacks.get() : null;
        if (next == null) {
            caller.onError(failure);
            return;
        }
        call.fellBack(route.bedrockModelId(), next.bedrockModelId(), reason);
        route = next;
        triesOfRoute = 0;
        attemptOrFail();
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
