package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfHealingStreamTest {

    private static final String DIRECT = "anthropic.claude-future-v1:0";
    private static final String PROFILE = "us." + DIRECT;
    private static final GatewayException REFUSAL = GatewayException.invalid(
            null,
            "Invocation of model ID " + DIRECT
                    + " with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an"
                    + " inference profile that contains this model.");
    private static final ChatStreamEvent START = new ChatStreamEvent.MessageStart(Role.ASSISTANT);
    private static final ChatStreamEvent HELLO =
            new ChatStreamEvent.ContentBlockDelta(0, ChatStreamEvent.ContentBlockDelta.Delta.text("Hello"));

    private final RecordingListener caller = new RecordingListener();
    private final FakeChatBackend.FakeStream first = new FakeChatBackend.FakeStream(DIRECT);
    private final FakeChatBackend.FakeStream retry = new FakeChatBackend.FakeStream(PROFILE);
    private final List<GatewayException> retriedFor = new ArrayList<>();
    private final SelfHealingStream stream = new SelfHealingStream(caller, DIRECT, PROFILE, failed -> {
        retriedFor.add(failed);
        return retry;
    });

    @Test
    void onErrorWhenBedrockRefusesOnDemandBeforeAnyEventThenRetriesAndTheCallerSeesOnlyTheRetry() {
        stream.start(first);

        stream.onError(REFUSAL);
        // As ChatService wires it, the retry's events go straight to the caller.
        caller.onEvent(START);
        caller.onEvent(HELLO);
        caller.onComplete();

        assertThat(retriedFor).containsExactly(REFUSAL);
        assertThat(caller.calls).containsExactly("event:messageStart", "event:contentBlockDelta", "complete");
        assertThat(caller.errors).isEmpty();
    }

    @Test
    void bedrockModelIdWhenTheRetryStartsThenSwitchesToTheProfile() {
        stream.start(first);
        assertThat(stream.bedrockModelId()).isEqualTo(DIRECT);

        stream.onError(REFUSAL);

        assertThat(stream.bedrockModelId()).isEqualTo(PROFILE);
    }

    @Test
    void onErrorWhenTheRefusalComesAfterAnEventThenItReachesTheCallerWithoutRetry() {
        stream.start(first);

        stream.onEvent(START);
        stream.onError(REFUSAL);

        assertThat(retriedFor).isEmpty();
        assertThat(caller.calls).containsExactly("event:messageStart", "error");
        assertThat(caller.errors).containsExactly(REFUSAL);
        assertThat(stream.bedrockModelId()).isEqualTo(DIRECT);
    }

    @Test
    void onErrorWhenTheErrorIsNotAnOnDemandRefusalThenItReachesTheCallerWithoutRetry() {
        GatewayException throttled =
                new GatewayException(ErrorKind.RATE_LIMITED, "Too many requests.", null, "ThrottlingException");
        GatewayException otherValidation = GatewayException.invalid(null, "Malformed input request.");
        stream.start(first);

        stream.onError(throttled);
        new SelfHealingStream(caller, DIRECT, PROFILE, failed -> retry).onError(otherValidation);

        assertThat(retriedFor).isEmpty();
        assertThat(caller.errors).containsExactly(throttled, otherValidation);
        assertThat(stream.bedrockModelId()).isEqualTo(DIRECT);
    }

    @Test
    void onEventAndOnCompleteWhenTheFirstStreamServesThenTheyPassThrough() {
        stream.start(first);

        stream.onEvent(START);
        stream.onEvent(HELLO);
        stream.onComplete();

        assertThat(caller.calls).containsExactly("event:messageStart", "event:contentBlockDelta", "complete");
        assertThat(retriedFor).isEmpty();
    }

    @Test
    void cancelWhenTheFirstStreamRunsThenCancelsIt() {
        stream.start(first);

        stream.cancel();

        assertThat(first.cancelled).isTrue();
        assertThat(retry.cancelled).isFalse();
    }

    @Test
    void cancelWhenTheRetryRunsThenCancelsTheRetry() {
        stream.start(first);
        stream.onError(REFUSAL);

        stream.cancel();

        assertThat(retry.cancelled).isTrue();
    }

    @Test
    void startWhenCancelledBeforeTheFirstStreamIsKnownThenCancelsItAtOnce() {
        stream.cancel();

        stream.start(first);

        assertThat(first.cancelled).isTrue();
    }

    @Test
    void onErrorWhenARefusalArrivesAfterCancelThenItIsNotRetried() {
        stream.start(first);
        stream.cancel();

        stream.onError(REFUSAL);

        assertThat(retriedFor).isEmpty();
    }

    @Test
    void cancelWhenTheRefusalArrivedBeforeStartThenStillCancelsTheRetry() {
        // The backend may deliver the first stream's error before converseStream has returned.
        stream.onError(REFUSAL);
        stream.start(first);

        stream.cancel();

        assertThat(retry.cancelled).isTrue();
    }

    private static final class RecordingListener implements ChatStreamListener {

        private final List<String> calls = new ArrayList<>();
        private final List<GatewayException> errors = new ArrayList<>();

        @Override
        public void onEvent(ChatStreamEvent event) {
            calls.add("event:" + event.eventType());
        }

        @Override
        public void onError(GatewayException error) {
            calls.add("error");
            errors.add(error);
        }

        @Override
        public void onComplete() {
            calls.add("complete");
        }
    }
}
