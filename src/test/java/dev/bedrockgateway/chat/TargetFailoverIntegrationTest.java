package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A tenant with two AWS targets over real HTTP, one simulator standing for both regions (it tells them apart by
 * the SigV4 credential scope): a throttled region hands calls to the other, an open breaker skips a target without
 * a call, and no request Bedrock hears of leaves the tenant's geographies. Breakers live as long as the application
 * and open after two failures here, so each test uses models of its own.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.tenants.demo.allowed-geographies=us",
            "gateway.tenants.demo.aws.targets[0].name=east",
            "gateway.tenants.demo.aws.targets[0].region=us-east-1",
            "gateway.tenants.demo.aws.targets[1].name=west",
            "gateway.tenants.demo.aws.targets[1].region=us-west-2",
            "gateway.tenants.demo.aws.targets[1].weight=0",
            "gateway.routing.retry.backoff.initial=5ms",
            "gateway.routing.fallbacks.anthropic.claude-3-5-haiku-20241022-v1\\:0[0]=eu.amazon.nova-lite-v1:0",
            "gateway.routing.fallbacks.anthropic.claude-3-5-haiku-20241022-v1\\:0[1]=amazon.nova-lite-v1:0",
            "gateway.routing.breaker.minimum-calls=2",
            "gateway.routing.breaker.window=2",
            "gateway.routing.breaker.open-for=10m",
        })
class TargetFailoverIntegrationTest {

    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String SONNET = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU_35 = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String NOVA_PRO = "amazon.nova-pro-v1:0";
    private static final List<String> US_REGIONS = List.of("us-east-1", "us-west-2");

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }

    @Test
    void aThrottledRegionHandsTheCallToTheTenantsOtherTargetForTheSameModel() {
        simulator.failRegion("us-east-1", SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(HAIKU, false));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us." + HAIKU);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("2");
        assertThat(simulator.received())
                .extracting(RecordedRequest::signingRegion, RecordedRequest::modelId)
                .containsExactly(tuple("us-east-1", "us." + HAIKU), tuple("us-west-2", "us." + HAIKU));
    }

    @Test
    void aStreamWhoseRegionIsDownBeforeItsFirstEventIsServedByTheOtherTarget() {
        simulator.failRegion("us-east-1", SimulatorFault.serviceUnavailable("Down."));

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(SONNET_45, true));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("Simulated ")
                .contains("data: [DONE]")
                .doesNotContain("error");
        assertThat(response.header("x-gateway-attempts")).isEqualTo("2");
        assertThat(simulator.received())
                .extracting(RecordedRequest::signingRegion)
                .containsExactly("us-east-1", "us-west-2");
    }

    @Test
    void whenTheModelThrottlesAtEveryTargetTheFallbackWithinTheGeographiesAnswersAndTheEuOneIsNeverTried() {
        simulator.failRequestsFor("us." + HAIKU_35, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(HAIKU_35, false));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(response.header("x-gateway-attempts")).isEqualTo("3");
        assertThat(simulator.received())
                .extracting(RecordedRequest::modelId)
                .containsExactly("us." + HAIKU_35, "us." + HAIKU_35, "us.amazon.nova-lite-v1:0");
        assertThat(simulator.received())
                .extracting(RecordedRequest::signingRegion)
                .containsExactly("us-east-1", "us-west-2", "us-east-1");
    }

    @Test
    void onceATargetsBreakerOpensCallsGoStraightToTheOtherTargetAndTheStateShowsAsAMetric() {
        simulator.failRegion("us-east-1", SimulatorFault.throttling());
        gateway.postJson("/v1/chat/completions", chat(SONNET, false));
        gateway.postJson("/v1/chat/completions", chat(SONNET, false));
        simulator.reset();

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(SONNET, false));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("1");
        assertThat(simulator.received())
                .as("east is not called while its breaker is open, though it would answer now")
                .extracting(RecordedRequest::signingRegion)
                .containsExactly("us-west-2");
        String metrics = gateway.get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("resilience4j_circuitbreaker_state{name=\"demo/east/us." + SONNET + "\",state=\"open\"} 1.0")
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"demo/west/us." + SONNET + "\",state=\"closed\"} 1.0");
    }

    @Test
    void whenBothRegionsThrottleTheCallerGetsTheThrottlingAndNothingWasSentOutsideThem() {
        simulator.failRegion("us-east-1", SimulatorFault.throttling());
        simulator.failRegion("us-west-2", SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(NOVA_PRO, false));

        assertThat(response.status()).isEqualTo(429);
        assertThat(simulator.received())
                .isNotEmpty()
                .extracting(RecordedRequest::signingRegion)
                .allMatch(US_REGIONS::contains);
        assertThat(simulator.received()).extracting(RecordedRequest::modelId).allMatch(id -> id.startsWith("us."));
    }
}
