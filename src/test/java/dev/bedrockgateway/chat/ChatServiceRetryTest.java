package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.TestLimiters;
import dev.bedrockgateway.routing.BreakerProperties;
import dev.bedrockgateway.routing.FallbackChains;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChatServiceRetryTest {

    private static final String HAIKU = ChatFixtures.HAIKU;
    private static final String HAIKU_US = "us." + HAIKU;
    private static final String NOVA_US = "us.amazon.nova-lite-v1:0";
    private static final String NOVA_EU = "eu.amazon.nova-lite-v1:0";
    private static final String SONNET_US = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final GatewayException THROTTLED =
            new GatewayException(ErrorKind.RATE_LIMITED, "Too many requests.", null, "ThrottlingException");
    private static final GatewayException INVALID =
            new GatewayException(ErrorKind.INVALID_REQUEST, "Malformed input.", null, "ValidationException");
    private static final List<Message> HELLO = List.of(new Message(Role.USER, List.of(ContentBlock.text("Hello"))));

    private final FakeChatBackend backend = new FakeChatBackend();

    private ChatService service(int maxAttempts, Duration deadline, Map<String, List<String>> chains) {
        RetryProperties retry = new RetryProperties(
                Set.of(RetryReason.THROTTLED, RetryReason.UNAVAILABLE),
                maxAttempts,
                new RetryProperties.Backoff(Duration.ofMillis(1), Duration.ofMillis(5), RetryProperties.Jitter.FULL),
                deadline,
                Duration.ZERO);
        return new ChatService(
                ChatFixtures.gate(backend, TestLimiters.unlimited(), retry, FallbackChains.of(chains)),
                backend,
                ChatFixtures.catalog());
    }

    private ChatService service(Map<String, List<String>> chains) {
        return service(3, Duration.ofSeconds(10), chains);
    }

    @Test
    void aThrottledModelIsTriedOnceMoreThenTheNextModelOfItsChainAnswers() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of(), "*"));

        ChatResponse response = service(Map.of(HAIKU, List.of(NOVA_US))).converse(call, request(HAIKU));

        assertThat(backend.calls).containsExactly("t -> " + HAIKU_US, "t -> " + HAIKU_US, "t -> " + NOVA_US);
        assertThat(response.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(call.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(call.attempts()).isEqualTo(3);
        assertThat(call.fallbacks()).containsExactly(new ChatCall.Fallback(HAIKU_US, NOVA_US, RetryReason.THROTTLED));
    }

    @Test
    void aModelThatRecoversOnItsSecondAttemptAnswersWithoutAFallback() {
        backend.failures.put(HAIKU_US, THROTTLED);
        backend.failuresLeft.put(HAIKU_US, 1);
        ChatCall call = call(tenant(Set.of(), "*"));

        ChatResponse response = service(Map.of(HAIKU, List.of(NOVA_US))).converse(call, request(HAIKU));

        assertThat(response.bedrockModelId()).isEqualTo(HAIKU_US);
        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.fallbacks()).isEmpty();
    }

    @Test
    void aValidationErrorIsNeverRetriedNorSentToAFallback() {
        backend.failures.put(HAIKU_US, INVALID);

        GatewayException failure = catchThrowableOfType(
                GatewayException.class,
                () -> service(Map.of(HAIKU, List.of(NOVA_US))).converse(call(tenant(Set.of(), "*")), request(HAIKU)));

        assertThat(failure).isSameAs(INVALID);
        assertThat(backend.calls).containsExactly("t -> " + HAIKU_US);
    }

    @Test
    void aFallbackOutsideTheTenantsGeographiesIsSkippedAndNeverTried() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of("us"), "*"));

        ChatResponse response = service(4, Duration.ofSeconds(10), Map.of(HAIKU, List.of(NOVA_EU, SONNET_US)))
                .converse(call, request(HAIKU));

        assertThat(response.bedrockModelId()).isEqualTo(SONNET_US);
        assertThat(backend.calls).noneMatch(sent -> sent.contains("eu."));
        assertThat(call.fallbacks()).extracting(ChatCall.Fallback::to).containsExactly(SONNET_US);
    }

    @Test
    void aFallbackTheTenantMayNotUseIsSkippedAndNeverTried() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of(), "*claude*"));

        ChatResponse response = service(4, Duration.ofSeconds(10), Map.of(HAIKU, List.of(NOVA_US, SONNET_US)))
                .converse(call, request(HAIKU));

        assertThat(response.bedrockModelId()).isEqualTo(SONNET_US);
        assertThat(backend.calls).noneMatch(sent -> sent.contains("nova"));
    }

    @Test
    void maxAttemptsCountsEveryAttemptAndTheLastFailureReachesTheCaller() {
        backend.failures.put(HAIKU_US, THROTTLED);

        GatewayException failure = catchThrowableOfType(
                GatewayException.class,
                () -> service(2, Duration.ofSeconds(10), Map.of(HAIKU, List.of(NOVA_US)))
                        .converse(call(tenant(Set.of(), "*")), request(HAIKU)));

        assertThat(failure).isSameAs(THROTTLED);
        assertThat(backend.calls).containsExactly("t -> " + HAIKU_US, "t -> " + HAIKU_US);
    }

    @Test
    void noAttemptStartsThatWouldWaitPastTheDeadline() {
        backend.failures.put(HAIKU_US, THROTTLED);
        RetryProperties slow = new RetryProperties(
                Set.of(RetryReason.THROTTLED),
                3,
                new RetryProperties.Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), RetryProperties.Jitter.NONE),
                Duration.ofSeconds(1),
                Duration.ZERO);
        ChatService service = new ChatService(
                ChatFixtures.gate(backend, TestLimiters.unlimited(), slow, FallbackChains.of(Map.of())),
                backend,
                ChatFixtures.catalog());

        GatewayException failure = catchThrowableOfType(
                GatewayException.class, () -> service.converse(call(tenant(Set.of(), "*")), request(HAIKU)));

        assertThat(failure).isSameAs(THROTTLED);
        assertThat(backend.calls).hasSize(1);
    }

    @Test
    void aChainConfiguredForTheNameTheCallerWroteIsUsedBeforeOneForTheBedrockId() {
        backend.failures.put(HAIKU_US, THROTTLED);

        ChatResponse response = service(Map.of("haiku", List.of(SONNET_US), HAIKU, List.of(NOVA_US)))
                .converse(call(tenant(Set.of(), "*")), request("haiku"));

        assertThat(response.bedrockModelId()).isEqualTo(SONNET_US);
    }

    private static ChatCall call(Tenant tenant) {
        return new ChatCall(tenant, System.nanoTime());
    }

    private static Tenant tenant(Set<String> allowedGeographies, String allowedModel) {
        return new Tenant(
                "t",
                null,
                allowedGeographies,
                List.of(Pattern.compile(allowedModel.replace(".", "\\.").replace("*", ".*"))),
                List.of(allowedModel),
                new Aws(null, null, null, null, null, null));
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, HELLO, List.of(), null, null, null, List.of(), Map.of(), null, null);
    }

    @Test
    void aStreamThrottledBeforeItsFirstEventIsStartedAgainThenOnTheFallbackAndTheCallerSeesOnlyThatOne() {
        ChatCall call = call(tenant(Set.of(), "*"));
        Recorder caller = new Recorder();

        ChatStream stream = service(Map.of(HAIKU, List.of(NOVA_US))).converseStream(call, request(HAIKU), caller);
        backend.listeners.get(0).onError(THROTTLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.listeners.size() == 2);
        backend.listeners.get(1).onError(THROTTLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.listeners.size() == 3);
        backend.listeners.get(2).onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        backend.listeners.get(2).onComplete();

        assertThat(backend.calls).containsExactly("t -> " + HAIKU_US, "t -> " + HAIKU_US, "t -> " + NOVA_US);
        assertThat(caller.seen).containsExactly("messageStart", "complete");
        assertThat(stream.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(call.attempts()).isEqualTo(3);
    }

    @Test
    void aStreamThatFailsAfterItsFirstEventIsNeverRetried() {
        Recorder caller = new Recorder();

        service(Map.of(HAIKU, List.of(NOVA_US))).converseStream(call(tenant(Set.of(), "*")), request(HAIKU), caller);
        backend.listeners.get(0).onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        backend.listeners.get(0).onError(THROTTLED);

        assertThat(caller.seen).containsExactly("messageStart", "error:" + THROTTLED.getMessage());
        assertThat(backend.calls).hasSize(1);
    }

    @Test
    void aStreamSilentPastTheFirstEventTimeoutIsCancelledAndTriedAgain() {
        RetryProperties retry = new RetryProperties(
                Set.of(RetryReason.TIMEOUT),
                2,
                new RetryProperties.Backoff(Duration.ofMillis(1), Duration.ofMillis(1), RetryProperties.Jitter.NONE),
                Duration.ofSeconds(10),
                Duration.ofMillis(50));
        ChatService service = new ChatService(
                ChatFixtures.gate(backend, TestLimiters.unlimited(), retry, FallbackChains.of(Map.of())),
                backend,
                ChatFixtures.catalog());
        Recorder caller = new Recorder();

        service.converseStream(call(tenant(Set.of(), "*")), request(HAIKU), caller);

        await().atMost(Duration.ofSeconds(5)).until(() -> backend.listeners.size() == 2);
        assertThat(backend.streams.get(0).cancelled).isTrue();
        backend.listeners.get(0).onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        await().atMost(Duration.ofSeconds(5)).until(() -> !caller.seen.isEmpty());
        assertThat(caller.seen)
                .as("the abandoned attempt's late event is dropped; the second attempt times out too")
                .singleElement()
                .asString()
                .startsWith("error:Bedrock sent no first event");
    }

    private ChatService withBreakers(int maxAttempts, Map<String, List<String>> chains) {
        RetryProperties retry = new RetryProperties(
                Set.of(RetryReason.THROTTLED, RetryReason.UNAVAILABLE),
                maxAttempts,
                new RetryProperties.Backoff(Duration.ofMillis(1), Duration.ofMillis(1), RetryProperties.Jitter.NONE),
                Duration.ofSeconds(10),
                Duration.ZERO);
        return new ChatService(
                ChatFixtures.gate(
                        backend,
                        TestLimiters.unlimited(),
                        retry,
                        FallbackChains.of(chains),
                        new BreakerProperties(true, 50, 2, 2, Duration.ofMinutes(1), 1)),
                backend,
                ChatFixtures.catalog());
    }

    @Test
    void anOpenBreakerRefusesAtOnceWithoutReachingBedrock() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatService service = withBreakers(1, Map.of());
        for (int i = 0; i < 2; i++) {
            catchThrowableOfType(
                    GatewayException.class, () -> service.converse(call(tenant(Set.of(), "*")), request(HAIKU)));
        }

        GatewayException refused = catchThrowableOfType(
                GatewayException.class, () -> service.converse(call(tenant(Set.of(), "*")), request(HAIKU)));

        assertThat(refused.code()).isEqualTo(RetryReason.CIRCUIT_OPEN);
        assertThat(refused.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(backend.calls).hasSize(2);
    }

    @Test
    void anOpenBreakerSendsTheCallStraightToItsFallbackWithoutWaitingOnBedrock() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatService service = withBreakers(3, Map.of(HAIKU, List.of(NOVA_US)));
        service.converse(call(tenant(Set.of(), "*")), request(HAIKU));
        backend.calls.clear();
        ChatCall call = call(tenant(Set.of(), "*"));

        ChatResponse response = service.converse(call, request(HAIKU));

        assertThat(response.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(backend.calls).containsExactly("t -> " + NOVA_US);
        assertThat(call.fallbacks()).containsExactly(new ChatCall.Fallback(HAIKU_US, NOVA_US, RetryReason.UNAVAILABLE));
    }

    @Test
    void aStreamWhoseFirstChoiceHasAnOpenBreakerStartsOnItsFallback() {
        backend.failures.put(HAIKU_US, THROTTLED);
        ChatService service = withBreakers(3, Map.of(HAIKU, List.of(NOVA_US)));
        service.converse(call(tenant(Set.of(), "*")), request(HAIKU));
        backend.calls.clear();
        ChatCall call = call(tenant(Set.of(), "*"));

        ChatStream stream = service.converseStream(call, request(HAIKU), new Recorder());

        assertThat(backend.calls).containsExactly("t -> " + NOVA_US);
        assertThat(stream.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(call.fallbacks()).extracting(ChatCall.Fallback::to).containsExactly(NOVA_US);
    }

    /** What the caller heard, in order. */
    private static final class Recorder implements ChatStreamListener {

        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ChatStreamEvent event) {
            seen.add(event.eventType());
        }

        @Override
        public void onError(GatewayException error) {
            seen.add("error:" + error.getMessage());
        }

        @Override
        public void onComplete() {
            seen.add("complete");
        }
    }
}
