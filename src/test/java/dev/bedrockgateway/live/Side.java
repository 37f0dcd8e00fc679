package dev.bedrockgateway.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * One side of the comparison, real Bedrock or the simulator: a sync client for Converse and an async client for
 * ConverseStream, as the gateway uses them.
 */
final class Side implements AutoCloseable {

    /** Far longer than any answer here takes; a hung call fails its test instead of hanging the build. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final BedrockRuntimeClient client;
    private final BedrockRuntimeAsyncClient asyncClient;

    Side(String name, BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient) {
        this.name = name;
        this.client = client;
        this.asyncClient = asyncClient;
    }

    /**
     * A ConverseStream answer.
     *
     * @param response the initial response, which carries the HTTP status and headers
     * @param events every event, in the order it arrived
     */
    record Streamed(ConverseStreamResponse response, List<ConverseStreamOutput> events) {}

    /** The side's name for assertion messages: "real Bedrock" or "simulator". */
    String name() {
        return name;
    }

    ConverseResponse converse(ConverseRequest request) {
        return client.converse(request);
    }

    /** The exception a Converse call fails with, or {@code null} if it succeeds. */
    @Nullable BedrockRuntimeException converseFailure(ConverseRequest request) {
        try {
            client.converse(request);
            return null;
        } catch (BedrockRuntimeException e) {
            return e;
        }
    }

    /**
     * Runs a ConverseStream call to its end.
     *
     * @throws BedrockRuntimeException if Bedrock (or the simulator) refused the call or failed the stream
     */
    Streamed stream(ConverseStreamRequest request) {
        AtomicReference<ConverseStreamResponse> response = new AtomicReference<>();
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();
        await(asyncClient.converseStream(
                request,
                ConverseStreamResponseHandler.builder()
                        .onResponse(response::set)
                        .subscriber(events::add)
                        .build()));
        ConverseStreamResponse initial = response.get();
        if (initial == null) {
            throw new AssertionError(name + " ended the stream without an initial response");
        }
        return new Streamed(initial, List.copyOf(events));
    }

    /** The exception a ConverseStream call fails with, or {@code null} if it succeeds. */
    @Nullable BedrockRuntimeException streamFailure(ConverseStreamRequest request) {
        try {
            stream(request);
            return null;
        } catch (BedrockRuntimeException e) {
            return e;
        }
    }

    private void await(CompletableFuture<Void> call) {
        try {
            call.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BedrockRuntimeException bedrock) {
                throw bedrock;
            }
            throw new AssertionError(name + ": the stream failed outside Bedrock's errors: " + e.getCause(), e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AssertionError(name + " did not end the stream within " + CALL_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + name, e);
        }
    }

    @Override
    public void close() {
        client.close();
        asyncClient.close();
    }
}
