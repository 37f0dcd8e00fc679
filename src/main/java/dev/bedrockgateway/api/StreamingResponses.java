package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.chat.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
public class StreamingResponses {

    private final ChatService chatService;

    StreamingResponses(ChatService chatService) {
        this.chatService = chatService;
    }

    /** Starts the stream; the future completes with the response once Bedrock's first event is in. */
    public CompletableFuture<ResponseEntity<ResponseBodyEmitter>> stream(Tenant tenant, ChatRequest request,
            StreamEncoder encoder) {
        Relay relay = new Relay(encoder);
        relay.stream.complete(chatService.converseStream(tenant, request, relay));
        return relay.head;
    }

    /** Relays stream events to one HTTP response. Calls arrive one at a time (see ChatStreamListener). */
    private static final class Relay implements ChatStreamListener {

        private final StreamEncoder encoder;
        private final CompletableFuture<ResponseEntity<ResponseBodyEmitter>> head = new CompletableFuture<>();
        private final ResponseBodyEmitter emitter = new ResponseBodyEmitter();
        // Completed as soon as converseStream returns; an event may arrive on another thread just before.
        private final CompletableFuture<ChatStream> stream = new CompletableFuture<>();

        Relay(StreamEncoder encoder) {
            this.encoder = encoder;
            Runnable cancel = () -> stream.thenAccept(ChatStream::cancel);
            emitter.onError(error -> cancel.run());
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
                emitter.complete();
            }
        }

        @Override
        public void onComplete() {
            commit();
            send(encoder.end());
            emitter.complete();
        }

        private void commit() {
            if (!head.isDone()) {
                head.complete(ResponseEntity.ok()
                        .contentType(encoder.contentType())
                        .header("Cache-Control", "no-cache")
                        // Proxies such as nginx must pass each event on at once.
                        .header("X-Accel-Buffering", "no")
                        .header(GatewayHeaders.BEDROCK_MODEL_ID, stream.join().bedrockModelId())
                        .body(emitter));
            }
        }

        private void send(List<byte[]> chunks) {
            try {
                for (byte[] chunk : chunks) {
                    emitter.send(chunk, MediaType.APPLICATION_OCTET_STREAM);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
