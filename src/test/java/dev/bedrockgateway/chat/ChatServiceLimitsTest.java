package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.LimitReport;
import dev.bedrockgateway.limits.TenantLimiter;
import dev.bedrockgateway.limits.TenantUsage;
import dev.bedrockgateway.limits.TestLimiters;
import dev.bedrockgateway.limits.UsageTotals;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chat service asks the tenant's limits after routing and before Bedrock, tells the call which limits applied,
 * and settles every admitted call exactly once however it ends: answered, failed, streamed to the end, failed
 * mid-stream or cancelled by its caller.
 */
class ChatServiceLimitsTest {

    private static final Tenant ACME =
            new Tenant("acme", null, Set.of(), List.of(), List.of(), new Aws(null, null, null, null, null, null));
    private static final String ROUTED = "us." + ChatFixtures.HAIKU;
    private static final ChatRequest HELLO = new ChatRequest(
            ChatFixtures.HAIKU,
            List.of(new Message(Role.USER, List.of(ContentBlock.text("Hello there, limits")))),
            List.of(),
            null,
            new InferenceConfig(100, null, null, null),
            null,
            List.of(),
            Map.of(),
            null,
            null);

    private final FakeChatBackend backend = new FakeChatBackend();
    private final TenantLimiter limiter = TestLimiters.with(
            Map.of("acme", TestLimiters.limits(2, 10_000, 1)), ChatFixtures.catalog(), new SimpleMeterRegistry());
    private final ChatService service =
            new ChatService(ChatFixtures.gate(backend, limiter), backend, ChatFixtures.catalog());
    private final List<LimitReport> reports = new ArrayList<>();
    private final ChatCall call = new ChatCall(ACME, System.nanoTime(), reports::add);

    @Test
    void anAnsweredCallReportsItsLimitsAndIsSettledWithBedrocksUsage() {
        service.converse(call, HELLO);

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.requests().remaining()).isEqualTo(1);
            assertThat(report.tokens().limit()).isEqualTo(10_000);
        });
        // 12 input and 3 output tokens at the catalog's price: 0.8 and 4 USD per million.
        assertThat(today()).isEqualTo(new UsageTotals(1, 12, 3, 0, 0, 22));
        assertThat(usage().inFlight())
                .as("its place among calls in flight is free again")
                .isZero();
        assertThat(usage().remaining())
                .filteredOn(left -> left.limit().equals("tokens-per-minute"))
                .singleElement()
                .satisfies(left -> assertThat(left.remaining())
                        .as("the reservation returned")
                        .isGreaterThan(9_900));
    }

    @Test
    void theCallsCostIsItsModelsPrice() {
        service.converse(call, HELLO);

        assertThat(call.costUsd())
                .as("the built-in catalog prices %s", ROUTED)
                .isNotNull()
                .isPositive();
        assertThat(today().costMicros()).isEqualTo(Math.round(call.costUsd() * 1e6));
    }

    @Test
    void aRefusedCallNeverReachesBedrockAndItsCallerStillLearnsTheLimits() {
        service.converse(new ChatCall(ACME, System.nanoTime()), HELLO);
        service.converse(new ChatCall(ACME, System.nanoTime()), HELLO);

        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> service.converse(call, HELLO));

        assertThat(refusal.code()).isEqualTo("tenant_rate_limited");
        assertThat(call.failure()).isSameAs(refusal);
        assertThat(reports)
                .singleElement()
                .satisfies(report -> assertThat(report.requests().remaining()).isZero());
        assertThat(backend.calls).hasSize(2);
    }

    @Test
    void aCallBedrockFailedIsSettledWithNoTokensAndFreesItsPlace() {
        backend.failures.put(ROUTED, new GatewayException(ErrorKind.UPSTREAM_ERROR, "boom"));

        catchThrowableOfType(GatewayException.class, () -> service.converse(call, HELLO));

        assertThat(today()).isEqualTo(new UsageTotals(1, 0, 0, 0, 0, 0));
        assertThat(usage().inFlight()).isZero();
    }

    @Test
    void aStreamIsSettledWithTheUsageFromItsMetadataWhenItEnds() {
        service.converseStream(call, HELLO, silent());
        ChatStreamListener upstream = backend.listeners.get(0);
        assertThat(usage().inFlight()).isEqualTo(1);

        upstream.onEvent(delta("Hi"));
        upstream.onEvent(new ChatStreamEvent.Metadata(FakeChatBackend.USAGE, new ChatStreamEvent.Metadata.Metrics(9)));
        upstream.onComplete();

        assertThat(today().inputTokens()).isEqualTo(12);
        assertThat(today().outputTokens()).isEqualTo(3);
        assertThat(usage().inFlight()).isZero();
    }

    @Test
    void aCancelledStreamIsSettledOnceWithTheInputEstimateAndTheTextStreamedSoFar() {
        ChatStream stream = service.converseStream(call, HELLO, silent());
        ChatStreamListener upstream = backend.listeners.get(0);
        upstream.onEvent(delta("0123456789abcdef"));
        call.cancel();

        stream.cancel();
        stream.cancel();
        upstream.onComplete();

        assertThat(backend.streams.get(0).cancelled).isTrue();
        // "Hello there, limits" is 19 characters: 5 tokens; 16 characters streamed: 4 tokens.
        // At 0.8 and 4 USD per million tokens: 4 + 16 = 20 micro-USD.
        assertThat(today()).isEqualTo(new UsageTotals(1, 5, 4, 0, 0, 20));
        assertThat(usage().inFlight()).isZero();
    }

    @Test
    void aStreamThatFailedBeforeAnyContentIsSettledWithNoTokens() {
        service.converseStream(call, HELLO, silent());

        backend.listeners.get(0).onError(new GatewayException(ErrorKind.RATE_LIMITED, "throttled"));

        assertThat(today()).isEqualTo(new UsageTotals(1, 0, 0, 0, 0, 0));
        assertThat(usage().inFlight()).isZero();
    }

    @Test
    void aStreamRefusedByItsLimitsIsThrownBeforeBedrockIsAsked() {
        service.converseStream(new ChatCall(ACME, System.nanoTime()), HELLO, silent());

        GatewayException refusal =
                catchThrowableOfType(GatewayException.class, () -> service.converseStream(call, HELLO, silent()));

        assertThat(refusal.code()).isEqualTo("tenant_concurrency_exceeded");
        assertThat(backend.calls).hasSize(1);
    }

    private TenantUsage usage() {
        return limiter.usage(ACME);
    }

    private UsageTotals today() {
        return usage().today();
    }

    private static ChatStreamEvent delta(String text) {
        return new ChatStreamEvent.ContentBlockDelta(0, ChatStreamEvent.ContentBlockDelta.Delta.text(text));
    }

    private static ChatStreamListener silent() {
        return new ChatStreamListener() {
            @Override
            public void onEvent(ChatStreamEvent event) {}

            @Override
            public void onError(GatewayException error) {}

            @Override
            public void onComplete() {}
        };
    }
}
