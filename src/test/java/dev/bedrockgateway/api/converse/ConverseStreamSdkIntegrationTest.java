package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.SdkClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * A stock AWS SDK v2 async client (default HTTP/2, the gateway key as bearer token) streams through the
 * gateway's {@code /model/{id}/converse-stream} exactly as it streams from Bedrock.
 */
@GatewayIntegrationTest
class ConverseStreamSdkIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    private static final String THROTTLED = "test.sdk-stream-throttled-v1:0";
    private static final String DENIED = "test.sdk-stream-denied-v1:0";

    @AutoClose
    private static BedrockRuntimeAsyncClient client;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = SdkClients.bedrockAsync(gateway);
    }

    @Test
    void converseStreamWhenRequestIsPlainThenTheSdkAssemblesTheAnswerStopReasonAndUsage() throws Exception {
        Collected collected = new Collected();

        client.converseStream(request(NOVA_LITE, "Hello stream sdk"), collected.handler())
                .get(10, TimeUnit.SECONDS);

        assertThat(String.join("", collected.texts)).isEqualTo("Simulated reply to: Hello stream sdk");
        assertThat(collected.texts).hasSizeGreaterThan(1);
        assertThat(collected.stop.get().stopReason()).isEqualTo(StopReason.END_TURN);
        ConverseStreamMetadataEvent metadata = collected.metadata.get();
        assertThat(metadata.usage().inputTokens()).isEqualTo(3);
        assertThat(metadata.usage().outputTokens()).isEqualTo(6);
        assertThat(metadata.usage().totalTokens()).isEqualTo(9);
        assertThat(metadata.metrics().latencyMs()).isNotNull().isNotNegative();
        assertThat(collected.errors).isEmpty();
        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.operation()).isEqualTo("converse-stream");
        assertThat(upstream.modelId()).isEqualTo(NOVA_LITE);
    }

    @Test
    void converseStreamWhenBedrockThrottlesMidStreamThenTheSdkFailsWithThrottlingException() {
        simulator.failStreamsFor(THROTTLED, 2, SimulatorFault.throttling());
        Collected collected = new Collected();

        Throwable failure =
                causeOf(() -> client.converseStream(request(THROTTLED, "Hello stream sdk"), collected.handler())
                        .get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ThrottlingException.class);
        ThrottlingException throttling = (ThrottlingException) failure;
        // Event-stream exceptions carry the union member name (lower camel), as they do from Bedrock itself.
        assertThat(throttling.awsErrorDetails().errorCode()).isEqualTo("throttlingException");
        assertThat(throttling.awsErrorDetails().errorMessage())
                .isEqualTo(SimulatorFault.throttling().message());
        assertThat(String.join("", collected.texts)).isEqualTo("Simulated reply ");
        assertThat(collected.stop.get()).isNull();
        assertThat(collected.errors).first().isInstanceOf(ThrottlingException.class);
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void converseStreamWhenBedrockDeniesAccessBeforeTheStreamThenTheSdkFailsWithAccessDeniedException() {
        simulator.failRequestsFor(DENIED, SimulatorFault.accessDenied("no"));
        Collected collected = new Collected();

        Throwable failure = causeOf(() -> client.converseStream(request(DENIED, "Hello"), collected.handler())
                .get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(AccessDeniedException.class);
        BedrockRuntimeException denied = (BedrockRuntimeException) failure;
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("no");
        assertThat(collected.texts).isEmpty();
    }

    /** Waits for the gateway's last upstream attempt, so that no late retry lands in a later test. */
    private void awaitUpstreamRetriesOver(String modelId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> simulator.received().stream()
                        .filter(request -> request.modelId().equals(modelId))
                        .reduce((first, second) -> second)
                        .map(request -> String.valueOf(request.headers().get("amz-sdk-request")))
                        .map(attempt -> attempt.matches("\\[attempt=(\\d+); max=\\1]"))
                        .orElse(true));
    }

    private static ConverseStreamRequest request(String modelId, String text) {
        return ConverseStreamRequest.builder()
                .modelId(modelId)
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(text))
                        .build())
                .build();
    }

    private static Throwable causeOf(ThrowingCall call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call fails").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    /** What a handler saw, in order. */
    private static final class Collected {

        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final AtomicReference<MessageStopEvent> stop = new AtomicReference<>();
        private final AtomicReference<ConverseStreamMetadataEvent> metadata = new AtomicReference<>();

        ConverseStreamResponseHandler handler() {
            return ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(
                                    delta -> texts.add(delta.delta().text()))
                            .onMessageStop(stop::set)
                            .onMetadata(metadata::set)
                            .build())
                    .onError(errors::add)
                    .build();
        }
    }
}
