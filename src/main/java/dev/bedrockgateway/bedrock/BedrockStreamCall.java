package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One streaming call (ConverseStream or InvokeModelWithResponseStream), subscribed to the SDK's events of type
 * {@code T}, each mapped to a core event. Events are handed to the listener on an executor, never on the SDK's network
 * threads, one task after another. At most {@link #WINDOW} events are requested ahead of what the caller
 * has been written, so a slow caller slows the upstream read instead of growing a buffer; the window is
 * replenished by halves, so the network thread is not woken for every single event. Exactly one of
 * {@code onError} / {@code onComplete} reaches the listener.
 */
final class BedrockStreamCall<T> implements Subscriber<T>, ChatStream {

    private static final long OUTCOME_GRACE_MS = 200;
    /** Events requested ahead of the caller: small, as each is a few hundred bytes at most. */
    static final int WINDOW = 8;

    private final String bedrockModelId;
    private final Function<T, @Nullable ChatStreamEvent> mapper;
    /** The event a whole stream ends with, or null where its API names none. */
    private final @Nullable Predicate<T> last;
    /** Whether that event came: the SDK ends a stream whose connection dropped mid-answer as if it were whole. */
    private volatile boolean whole;

    /**
     * Who gets the events, until the stream ends. Then it is let go: the SDK leaves a finished request's handlers
     * (this call among them) attached to the pooled connection until the connection's next request, and what the
     * listener reaches (the caller's request and connection, the observation) must not stay pinned that long
     * (docs/performance.md, "Long streams").
     */
    private volatile @Nullable ChatStreamListener listener;

    private final SerialExecutor serial;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile @Nullable Subscription subscription;
    private volatile @Nullable CompletableFuture<Void> call;
    private volatile boolean cancelled;
    /** Events written since the window was last replenished; only touched by the serial executor's tasks. */
    private int written;

    BedrockStreamCall(
            String bedrockModelId,
            Function<T, @Nullable ChatStreamEvent> mapper,
            ChatStreamListener listener,
            Executor executor) {
        this(bedrockModelId, mapper, null, listener, executor);
    }

    /**
     * A stream whose API ends every whole answer with a known event, so one that ends without it (its connection
     * dropped) is reported as failed, not passed on as complete and cut short.
     */
    BedrockStreamCall(
            String bedrockModelId,
            Function<T, @Nullable ChatStreamEvent> mapper,
            @Nullable Predicate<T> last,
            ChatStreamListener listener,
            Executor executor) {
        this.bedrockModelId = bedrockModelId;
        this.mapper = mapper;
        this.last = last;
        this.listener = listener;
        this.serial = new SerialExecutor(executor);
    }

    void started(CompletableFuture<Void> future) {
        call = future;
        future.whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(failure, true);
            }
        });
        if (cancelled) {
            future.cancel(true);
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(WINDOW);
        }
    }

    @Override
    public void onNext(T event) {
        serial.execute(() -> {
            if (cancelled || finished.get()) {
                return;
            }
            Predicate<T> end = last;
            if (end != null && end.test(event)) {
                whole = true;
            }
            ChatStreamListener to = listener;
            if (to == null) {
                return;
            }
            try {
                ChatStreamEvent mapped = mapper.apply(event);
                if (mapped != null) {
                    to.onEvent(mapped);
                }
            } catch (RuntimeException e) {
                // The caller could not be written to (it went away): stop reading from Bedrock.
                cancel();
                return;
            }
            Subscription s = subscription;
            if (s != null && ++written == WINDOW / 2) {
                written = 0;
                s.request(WINDOW / 2);
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure);
    }

    @Override
    public void onComplete() {
        serial.execute(() -> {
            ChatStreamListener to = release();
            if (to != null && !cancelled) {
                if (last != null && !whole) {
                    to.onError(new GatewayException(
                            ErrorKind.UPSTREAM_ERROR,
                            "Bedrock's stream ended before its end: the connection to Bedrock closed mid-answer",
                            null,
                            "InternalServerException"));
                } else {
                    to.onComplete();
                }
            }
        });
    }

    @Override
    public String bedrockModelId() {
        return bedrockModelId;
    }

    @Override
    public void cancel() {
        cancelled = true;
        serial.execute(this::release);
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<Void> future = call;
        if (future != null) {
            future.cancel(true);
        }
    }

    /** The SDK's response handler (or its event publisher) reports a failure of the call. */
    void fail(Throwable failure) {
        fail(failure, false);
    }

    /** The call could not even be sent: that is its outcome, with no other report to wait for. */
    void failedToStart(Throwable failure) {
        finish(failure);
    }

    /**
     * The call's future carries the SDK's verdict; the response handler's report is only a witness. When the SDK
     * fails a call on a modeled error (throttling, a validation error), it completes the future and then cancels
     * the request on its connection, and a handler still reading the error's body can report that cancellation
     * ("Request cancelled", or an error without its message) first. So a report from the handler ends the stream
     * only if the future has said nothing within a short grace period, and the SDK's own internal cancellation
     * ("Subscriber cancelled before all events were published") only when it is the future's verdict and nothing
     * more specific follows it.
     */
    private void fail(Throwable failure, boolean finalOutcome) {
        boolean sdkCancellation = isSdkCancellation(failure);
        if (finalOutcome && !sdkCancellation) {
            finish(failure);
        } else if (finalOutcome || !sdkCancellation) {
            // A witness, or the future's bare cancellation: it ends the stream only if nothing better comes.
            CompletableFuture.delayedExecutor(OUTCOME_GRACE_MS, TimeUnit.MILLISECONDS)
                    .execute(() -> finish(failure));
        }
        // Else a cancellation the handler saw: the future's verdict follows.
    }

    private void finish(Throwable failure) {
        serial.execute(() -> {
            ChatStreamListener to = release();
            if (to != null && !cancelled) {
                to.onError(BedrockErrors.classify(failure));
            }
        });
    }

    /**
     * Ends the stream for the listener, on the serial executor: returns it the first time, so that exactly one end
     * reaches it, and null after.
     */
    private @Nullable ChatStreamListener release() {
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        ChatStreamListener to = listener;
        listener = null;
        return to;
    }

    private static boolean isSdkCancellation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("SdkCancellationException")) {
                return true;
            }
        }
        return false;
    }

    /** Runs tasks one after another, in submission order, on a shared executor. */
    private static final class SerialExecutor implements Executor {

        private final Executor executor;
        private final Queue<Runnable> tasks = new ArrayDeque<>();
        private boolean running;

        SerialExecutor(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (tasks) {
                tasks.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            executor.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (tasks) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                next.run();
            }
        }
    }
}
