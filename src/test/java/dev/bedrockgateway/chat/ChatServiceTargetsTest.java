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
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tenant with several AWS targets: how calls spread over them and move between them. */
class ChatServiceTargetsTest {

    private static final String HAIKU = ChatFixtures.HAIKU;
    private static final String HAIKU_US = "us." + HAIKU;
    private static final String NOVA = "amazon.nova-lite-v1:0";
    private static final String NOVA_US = "us." + NOVA;
    private static final String NOVA_EU = "eu." + NOVA;
    private static final GatewayException THROTTLED =
            new GatewayException(ErrorKind.RATE_LIMITED, "Too many requests.", null, "ThrottlingException");
    private static final List<Message> HELLO = List.of(new Message(Role.USER, List.of(ContentBlock.text("Hello"))));

    private final FakeChatBackend backend = new FakeChatBackend();

    /**
     * Retries whose backoff (5 s at least) never fits the deadline (2 s): a call can only go on where no wait is
     * needed, which is another target or a fallback.
     */
    private ChatService service(Map<String, List<String>> chains, BreakerProperties breakers) {
        RetryProperties retry = new RetryProperties(
                Set.of(RetryReason.THROTTLED, RetryReason.UNAVAILABLE),
                3,
                new RetryProperties.Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), RetryProperties.Jitter.NONE),
                Duration.ofSeconds(2),
                Duration.ZERO);
        return new ChatService(
                ChatFixtures.gate(backend, TestLimiters.unlimited(), retry, FallbackChains.of(chains), breakers),
                backend,
                ChatFixtures.catalog());
    }

    private ChatService service(Map<String, List<String>> chains) {
        return service(chains, new BreakerProperties(false, 50, 10, 20, Duration.ofSeconds(30), 1));
    }

    @Test
    void aThrottledTargetHandsTheCallToTheTenantsNextTargetWithoutWaiting() {
        backend.failures.put("east/" + HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of(), target("east", "us-east-1", 1), target("west", "us-west-2", 0)));

        ChatResponse response = service(Map.of()).converse(call, request(HAIKU));

        assertThat(backend.targets).containsExactly("east", "west");
        assertThat(response.bedrockModelId()).isEqualTo(HAIKU_US);
        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.fallbacks())
                .as("another target is the same model, not a fallback")
                .isEmpty();
    }

    @Test
    void withOneTargetTheSameThrottlingReachesTheCallerSinceItsBackoffDoesNotFitTheDeadline() {
        backend.failures.put("east/" + HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of(), target("east", "us-east-1", 1)));

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> service(Map.of()).converse(call, request(HAIKU)));

        assertThat(error).isSameAs(THROTTLED);
        assertThat(backend.targets).containsExactly("east");
    }

    @Test
    void whenEveryTargetOfTheModelThrottlesTheFallbackModelStartsAgainAtTheFirstTarget() {
        backend.failures.put("east/" + HAIKU_US, THROTTLED);
        backend.failures.put("west/" + HAIKU_US, THROTTLED);
        ChatCall call = call(tenant(Set.of(), target("east", "us-east-1", 1), target("west", "us-west-2", 0)));

        ChatResponse response = service(Map.of(HAIKU, List.of(NOVA))).converse(call, request(HAIKU));

        assertThat(backend.targets).containsExactly("east", "west", "east");
        assertThat(backend.calls).containsExactly("t -> " + HAIKU_US, "t -> " + HAIKU_US, "t -> " + NOVA_US);
        assertThat(response.bedrockModelId()).isEqualTo(NOVA_US);
        assertThat(call.fallbacks()).containsExactly(new ChatCall.Fallback(HAIKU_US, NOVA_US, RetryReason.THROTTLED));
    }

    @Test
    void eachTargetRoutesTheModelForItsOwnRegionsGeography() {
        backend.failures.put("virginia/" + NOVA_US, THROTTLED);
        ChatCall call =
                call(tenant(Set.of("us", "eu"), target("virginia", "us-east-1", 1), target("ireland", "eu-west-1", 0)));

        ChatResponse response = service(Map.of()).converse(call, request(NOVA));

        assertThat(backend.calls).containsExactly("t -> " + NOVA_US, "t -> " + NOVA_EU);
        assertThat(response.bedrockModelId()).isEqualTo(NOVA_EU);
        assertThat(call.bedrockModelId()).isEqualTo(NOVA_EU);
    }

    @Test
    void callsSpreadOverTheTargetsInProportionToTheirWeights() {
        ChatService service = service(Map.of());
        Tenant tenant = tenant(Set.of(), target("heavy", "us-east-1", 3), target("light", "us-west-2", 1));

        for (int i = 0; i < 4000; i++) {
            service.converse(call(tenant), request(HAIKU));
        }

        // Expected 3,000 of 4,000; the bounds are over seven standard deviations away.
        assertThat(Collections.frequency(backend.targets, "heavy")).isBetween(2800, 3200);
        assertThat(Collections.frequency(backend.targets, "light")).isBetween(800, 1200);
    }

    @Test
    void aStandbyTargetServesNoCallWhileTheOthersAnswer() {
        ChatService service = service(Map.of());
        Tenant tenant = tenant(Set.of(), target("main", "us-east-1", 1), target("standby", "us-west-2", 0));

        for (int i = 0; i < 200; i++) {
            service.converse(call(tenant), request(HAIKU));
        }

        assertThat(backend.targets).hasSize(200).containsOnly("main");
    }

    @Test
    void anOpenBreakerOnOneTargetSendsCallsStraightToTheOtherWithoutCallingBedrockThere() {
        backend.failures.put("east/" + HAIKU_US, THROTTLED);
        ChatService service = service(Map.of(), new BreakerProperties(true, 50, 2, 2, Duration.ofMinutes(5), 1));
        Tenant tenant = tenant(Set.of(), target("east", "us-east-1", 1), target("west", "us-west-2", 0));
        service.converse(call(tenant), request(HAIKU));
        service.converse(call(tenant), request(HAIKU));
        backend.targets.clear();

        ChatCall call = call(tenant);
        ChatResponse response = service.converse(call, request(HAIKU));

        assertThat(response.bedrockModelId()).isEqualTo(HAIKU_US);
        assertThat(backend.targets)
                .as("east's breaker is open after two throttles")
                .containsExactly("west");
        assertThat(call.attempts())
                .as("a call an open breaker refuses is never sent")
                .isEqualTo(1);
    }

    @Test
    void aStreamThrottledAtItsFirstTargetBeforeItsFirstEventStartsAtTheNextTarget() {
        ChatCall call = call(tenant(Set.of(), target("east", "us-east-1", 1), target("west", "us-west-2", 0)));
        List<String> seen = new ArrayList<>();

        ChatStream stream = service(Map.of()).converseStream(call, request(HAIKU), new ChatStreamListener() {
            @Override
            public void onEvent(ChatStreamEvent event) {
                seen.add(event.eventType());
            }

            @Override
            public void onError(GatewayException error) {
                seen.add("error");
            }

            @Override
            public void onComplete() {
                seen.add("complete");
            }
        });
        backend.listeners.get(0).onError(THROTTLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.listeners.size() == 2);
        backend.listeners.get(1).onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        backend.listeners.get(1).onComplete();

        assertThat(backend.targets).containsExactly("east", "west");
        assertThat(seen).containsExactly("messageStart", "complete");
        assertThat(stream.bedrockModelId()).isEqualTo(HAIKU_US);
        assertThat(call.attempts()).isEqualTo(2);
    }

    private static AwsTarget target(String name, String region, int weight) {
        return new AwsTarget(
                "t", name, -1, "gateway.tenants.t.aws.targets", new Aws(null, null, null, null, null, region), weight);
    }

    /** A tenant with these targets, in this order (their indexes set to match). */
    private static Tenant tenant(Set<String> allowedGeographies, AwsTarget... targets) {
        List<AwsTarget> indexed = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            AwsTarget t = targets[i];
            indexed.add(
                    new AwsTarget(t.tenantId(), t.name(), i, t.property() + "[" + i + "]", t.identity(), t.weight()));
        }
        return new Tenant(
                "t",
                null,
                allowedGeographies,
                List.of(),
                List.of(),
                new Aws(null, null, null, null, null, null),
                indexed);
    }

    private static ChatCall call(Tenant tenant) {
        return new ChatCall(tenant, System.nanoTime());
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, HELLO, List.of(), null, null, null, List.of(), Map.of(), null, null);
    }
}
