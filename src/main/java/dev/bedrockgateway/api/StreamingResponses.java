package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.chat.InvokeRequest;
import dev.bedrockgateway.chat.InvokeService;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Streams an answer to the caller on any surface. The response is committed only when the first event
 * arrives, so an upstream error before the first byte still gets the normal error response; after that,
 * every event is written and flushed as soon as it arrives (nothing buffers the whole answer), and an
 * error ends the stream with the surface's own error event. A caller that goes away cancels the upstream
 * Bedrock stream.
 */
@Component
public class StreamingResponses implements DisposableBean {

    /** A stream response's buffer: an event or two; a larger one is written straight through. */
    static final int STREAM_BUFFER_BYTES = 2048;

    private final ChatService chatService;
    private final InvokeService invokeService;
    private final long keepAliveNanos;
    /** One daemon thread checks every open stream for silence; it only ever writes a tiny comment. */
    private final ScheduledExecutorService keepAlives = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stream-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    StreamingResponses(ChatService chatService, InvokeService invokeService, ApiProperties properties) {
        this.chatService = chatService;
        this.invokeService = invokeService;
        this.keepAliveNanos = properties.streamKeepAlive().toNanos();
    }

    @Override
    public void destroy() {
        keepAlives.shutdownNow();
    }

    /**
     * Starts the stream and waits, on the request's thread, for Bedrock's first event: the response it
     * returns then carries the rest as it arrives.
     *
     * @throws GatewayException when the call fails before its first event
     */
    public ResponseEntity<ResponseBodyEmitter> stream(ChatCall call, ChatRequest request, StreamEncoder encoder) {
        return stream(call, relay -> chatService.converseStream(call, request, relay), encoder);
    }

    /**
     * Streams a provider's own body (InvokeModelWithResponseStream) the same way.
     *
     * @throws GatewayException when the call fails before its first event
     */
    public ResponseEntity<ResponseBodyEmitter> stream(ChatCall call, InvokeRequest request, StreamEncoder encoder) {
        return stream(call, relay -> invokeService.invokeStream(call, request, relay), encoder);
    }

    private ResponseEntity<ResponseBodyEmitter> stream(
            ChatCall call, Function<ChatStreamListener, ChatStream> start, StreamEncoder encoder) {
        Relay relay = new Relay(encoder, keepAlives, keepAliveNanos, call, ConnectionEnd.afterResponse());
        relay.stream.complete(start.apply(relay));
        try {
            return relay.head.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof GatewayException error ? error : e;
        }
    }

    /**
     * An emitter whose response keeps a small buffer. A stream writes and flushes one small event at a time, so the
     * buffer never holds more than one: at the container's default size (Jetty's 32 KiB, a pooled direct buffer held
     * from the first write to the last) thousands of streams would hold tens of megabytes of it for nothing
     * (docs/performance.md, "Long streams"). Spring MVC calls this hook after the headers are set and before the
     * response is committed.
     */
    private static final class StreamEmitter extends ResponseBodyEmitter {

        @Override
        protected void extendResponse(ServerHttpResponse outputMessage) {
            super.extendResponse(outputMessage);
            if (outputMessage instanceof ServletServerHttpResponse servlet) {
                servlet.getServletResponse().setBufferSize(STREAM_BUFFER_BYTES);
            }
        }
    }

    /** Relays stream events to one HTTP response. Calls arrive one at a time (see ChatStreamListener). */
    private static final class Relay implements ChatStreamListener {

        private final StreamEncoder encoder;
        private final ScheduledExecutorService keepAlives;
        private final long keepAliveNanos;
        private volatile long lastWrite = System.nanoTime();
        private volatile @Nullable ScheduledFuture<?> keepAlive;
        private final CompletableFuture<ResponseEntity<ResponseBodyEmitter>> head = new CompletableFuture<>();
        private final ResponseBodyEmitter emitter = new StreamEmitter();
        // Completed as soon as converseStream returns; an event may arrive on another thread just before.
        private final CompletableFuture<ChatStream> stream = new CompletableFuture<>();
        private final ChatCall call;
        private final Runnable cancel;
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private final Runnable endConnection;

        Relay(
                StreamEncoder encoder,
                ScheduledExecutorService keepAlives,
                long keepAliveNanos,
                ChatCall call,
                Runnable endConnection) {
            this.endConnection = endConnection;
            this.encoder = encoder;
            this.keepAlives = keepAlives;
            this.keepAliveNanos = keepAliveNanos;
            this.call = call;
            this.cancel = () -> {
                stream.thenAccept(ChatStream::cancel);
                ScheduledFuture<?> task = keepAlive;
                if (task != null) {
                    task.cancel(false);
                }
            };
            emitter.onError(error -> {
                // The caller went away: that is a cancellation, not a failure of the call.
                call.cancel();
                cancel.run();
            });
            emitter.onTimeout(cancel);
        }

        @Override
        public void onEvent(ChatStreamEvent event) {
            commit();
            send(encoder.encode(event));
        }

        @Override
        public void onError(GatewayException error) {
            if (head.completeExceptionally(error)) {
                return;
            }
            try {
                send(List.of(encoder.error(error)));
            } finally {
                if (!abandoned.get()) {
                    // After the final chunk, as Bedrock does: a pooled client must not keep this connection.
                    endConnection.run();
                }
                end();
            }
        }

        @Override
        public void onComplete() {
            commit();
            try {
                send(encoder.end());
            } finally {
                end();
            }
        }

        private void commit() {
            if (!head.isDone()) {
                scheduleKeepAlive();
                head.complete(ResponseEntity.ok()
                        .contentType(encoder.contentType())
                        .header("Cache-Control", "no-cache")
                        // Proxies such as nginx must pass each event on at once.
                        .header("X-Accel-Buffering", "no")
                        .header(GatewayHeaders.BEDROCK_MODEL_ID, stream.join().bedrockModelId())
                        .header(GatewayHeaders.ATTEMPTS, Integer.toString(Math.max(1, call.attempts())))
                        .body(emitter));
            }
        }

        private void end() {
            ScheduledFuture<?> task = keepAlive;
            if (task != null) {
                task.cancel(false);
            }
            emitter.complete();
        }

        private void scheduleKeepAlive() {
            byte[] comment = encoder.keepAlive();
            if (comment == null || keepAliveNanos <= 0) {
                return;
            }
            long period = Math.max(keepAliveNanos / 2, 1);
            keepAlive = keepAlives.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() - lastWrite >= keepAliveNanos) {
                            try {
                                send(List.of(comment));
                            } catch (RuntimeException e) {
                                // The caller is gone: stop writing, and stop reading from Bedrock.
                                abandon();
                            }
                        }
                    },
                    period,
                    period,
                    TimeUnit.NANOSECONDS);
        }

        private void send(List<byte[]> chunks) {
            lastWrite = System.nanoTime();
            try {
                for (byte[] chunk : chunks) {
                    emitter.send(chunk, MediaType.APPLICATION_OCTET_STREAM);
                }
            } catch (IOException e) {
                abandon();
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The caller went away (a write failed): the call is cancelled, not failed; Bedrock's stream is cancelled,
         * and the request is ended here. Servlet containers differ on a failed write: Tomcat reports it to the
         * request's async listeners, which end the request, but Jetty does not, and the request (with its place in
         * flight and its tenant's concurrency) would stay open until the next keep-alive found the connection gone,
         * or, for a Bedrock-wire stream, which has no keep-alive, until the async timeout.
         */
        private void abandon() {
            if (abandoned.compareAndSet(false, true)) {
                call.cancel();
                cancel.run();
                emitter.complete();
            }
        }
    }
}
