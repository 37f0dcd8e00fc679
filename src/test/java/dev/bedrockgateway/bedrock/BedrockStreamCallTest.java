package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Pins the stream's backpressure: Bedrock is never asked for more than a window ahead of the caller. */
class BedrockStreamCallTest {

    private final List<Runnable> pending = new ArrayList<>();
    /** Runs a task only when the test says the caller is ready, like a slow caller's write. */
    private final Executor slowCaller = pending::add;

    private final List<ChatStreamEvent> written = new ArrayList<>();
    private final CountingSubscription upstream = new CountingSubscription();

    private final BedrockStreamCall<ConverseStreamOutput> call = new BedrockStreamCall<>(
            "us.amazon.nova-lite-v1:0",
            ConverseStreamMapper::fromSdk,
            new ChatStreamListener() {
                @Override
                public void onEvent(ChatStreamEvent event) {
                    written.add(event);
                }

                @Override
                public void onError(GatewayException error) {}

                @Override
                public void onComplete() {}
            },
            slowCaller);

    @Test
    void onSubscribeWhenTheStreamStartsThenRequestsOneWindow() {
        call.onSubscribe(upstream);

        assertThat(upstream.requested).isEqualTo(BedrockStreamCall.WINDOW);
    }

    @Test
    void onNextWhenTheCallerHasNotBeenWrittenToThenRequestsNothingMore() {
        call.onSubscribe(upstream);

        deliver(BedrockStreamCall.WINDOW);

        assertThat(written).isEmpty();
        assertThat(upstream.requested).isEqualTo(BedrockStreamCall.WINDOW);
    }

    @Test
    void onNextWhenHalfAWindowIsWrittenThenReplenishesThatHalf() {
        call.onSubscribe(upstream);
        deliver(BedrockStreamCall.WINDOW);

        runPendingWrites();

        assertThat(written).hasSize(BedrockStreamCall.WINDOW);
        assertThat(upstream.requested).isEqualTo(2L * BedrockStreamCall.WINDOW);
    }

    @Test
    void onNextWhenFewerThanHalfAWindowIsWrittenThenWaitsBeforeAskingForMore() {
        call.onSubscribe(upstream);
        deliver(BedrockStreamCall.WINDOW / 2 - 1);

        runPendingWrites();

        assertThat(written).hasSize(BedrockStreamCall.WINDOW / 2 - 1);
        assertThat(upstream.requested).isEqualTo(BedrockStreamCall.WINDOW);
    }

    @Test
    void aStreamWhoseConnectionDroppedBeforeItsLastEventEndsInAnErrorNotAsComplete() {
        List<String> ends = new ArrayList<>();
        BedrockStreamCall<ConverseStreamOutput> converse = endingWithMessageStop(ends);
        converse.onSubscribe(upstream);
        converse.onNext(delta("half an answer"));

        converse.onComplete();

        assertThat(ends).singleElement().asString().startsWith("error: Bedrock's stream ended before its end");
    }

    @Test
    void aStreamThatReachedItsLastEventCompletes() {
        List<String> ends = new ArrayList<>();
        BedrockStreamCall<ConverseStreamOutput> converse = endingWithMessageStop(ends);
        converse.onSubscribe(upstream);
        converse.onNext(delta("a whole answer"));
        converse.onNext(ConverseStreamOutput.messageStopBuilder()
                .stopReason(StopReason.END_TURN)
                .build());

        converse.onComplete();

        assertThat(ends).containsExactly("complete");
    }

    @Test
    void aFailureTheHandlerReportsGivesWayToTheVerdictOfTheCallsFuture() {
        List<String> ends = new CopyOnWriteArrayList<>();
        BedrockStreamCall<ConverseStreamOutput> converse = endingWithMessageStop(ends);
        converse.onSubscribe(upstream);

        // The SDK cancelled the error body's read after failing the call on Bedrock's throttling error.
        converse.fail(SdkClientException.create("Request cancelled", new IOException("Request cancelled")));
        converse.started(CompletableFuture.failedFuture(ThrottlingException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ThrottlingException")
                        .errorMessage("Too many requests, please wait before trying again.")
                        .build())
                .build()));

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> ends.size() == 1);
        assertThat(ends)
                .singleElement()
                .asString()
                .contains("Too many requests")
                .doesNotContain("reached");
    }

    @Test
    void aFailureOnlyTheHandlerReportsStillEndsTheStreamAfterAMoment() {
        List<String> ends = new CopyOnWriteArrayList<>();
        BedrockStreamCall<ConverseStreamOutput> converse = endingWithMessageStop(ends);
        converse.onSubscribe(upstream);

        converse.fail(SdkClientException.create("Connection reset", new IOException("Connection reset")));

        await().atMost(Duration.ofSeconds(2)).until(() -> !ends.isEmpty());
        assertThat(ends).containsExactly("error: Bedrock could not be reached");
    }

    @Test
    void aCallThatCouldNotBeSentEndsTheStreamAtOnce() {
        List<String> ends = new ArrayList<>();
        BedrockStreamCall<ConverseStreamOutput> converse = endingWithMessageStop(ends);

        converse.failedToStart(SdkClientException.create("Unable to load credentials"));

        assertThat(ends).containsExactly("error: Bedrock could not be reached");
    }

    @Test
    void aCompletedStreamLetsGoOfItsListenerSoThePooledConnectionPinsNoCaller() {
        assertListenerReleasedAfter(BedrockStreamCall::onComplete);
    }

    @Test
    void aFailedStreamLetsGoOfItsListener() {
        assertListenerReleasedAfter(finished -> finished.onError(new IllegalStateException("connection reset")));
    }

    @Test
    void aCancelledStreamLetsGoOfItsListener() {
        assertListenerReleasedAfter(BedrockStreamCall::cancel);
    }

    /**
     * The SDK keeps a finished call's handlers on the pooled connection until its next request: whatever
     * the listener holds (the caller's request and connection) must be collectable once the stream ended.
     */
    private static void assertListenerReleasedAfter(Consumer<BedrockStreamCall<ConverseStreamOutput>> end) {
        List<String> ends = new ArrayList<>();
        ChatStreamListener listener = ending(ends);
        WeakReference<ChatStreamListener> collectable = new WeakReference<>(listener);
        BedrockStreamCall<ConverseStreamOutput> held = new BedrockStreamCall<>(
                "us.amazon.nova-lite-v1:0", ConverseStreamMapper::fromSdk, listener, Runnable::run);
        held.onSubscribe(new CountingSubscription());
        held.onNext(delta("one token"));
        listener = null;

        end.accept(held);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return collectable.get() == null;
        });
        assertThat(held.bedrockModelId()).isEqualTo("us.amazon.nova-lite-v1:0");
    }

    /** A ConverseStream call whose whole answers end with messageStop, telling how it ended. */
    private static BedrockStreamCall<ConverseStreamOutput> endingWithMessageStop(List<String> ends) {
        return new BedrockStreamCall<>(
                "us.amazon.nova-lite-v1:0",
                ConverseStreamMapper::fromSdk,
                event -> event instanceof MessageStopEvent,
                ending(ends),
                Runnable::run);
    }

    private static ChatStreamListener ending(List<String> ends) {
        return new ChatStreamListener() {
            @Override
            public void onEvent(ChatStreamEvent event) {}

            @Override
            public void onError(GatewayException error) {
                ends.add("error: " + error.getMessage());
            }

            @Override
            public void onComplete() {
                ends.add("complete");
            }
        };
    }

    /** Bedrock sends {@code count} text deltas. */
    private void deliver(int count) {
        for (int i = 0; i < count; i++) {
            call.onNext(delta("token " + i));
        }
    }

    private void runPendingWrites() {
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
    }

    private static ConverseStreamOutput delta(String text) {
        return ConverseStreamOutput.contentBlockDeltaBuilder()
                .contentBlockIndex(0)
                .delta(ContentBlockDelta.fromText(text))
                .build();
    }

    private static final class CountingSubscription implements Subscription {

        long requested;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {}
    }
}
