package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Retries and fallbacks over real HTTP, the simulator throttling the first choice: the answer says who answered
 * and after how many attempts, and no call Bedrock hears of leaves the tenant's geographies.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.tenants.demo.allowed-geographies=us",
            "gateway.routing.retry.backoff.initial=5ms",
            "gateway.routing.retry.max-attempts=4",
            "gateway.routing.fallbacks.anthropic.claude-haiku-4-5-20251001-v1\\:0[0]=eu.amazon.nova-lite-v1:0",
            "gateway.routing.fallbacks.anthropic.claude-haiku-4-5-20251001-v1\\:0[1]=amazon.nova-lite-v1:0",
        })
class FallbackIntegrationTest {

    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    MeterRegistry meters;

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }

    @Test
    void aThrottledModelIsRetriedThenAnsweredByTheFirstFallbackWithinTheTenantsGeographies() {
        simulator.failRequestsFor("us." + HAIKU, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(HAIKU));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(response.header("x-gateway-attempts")).isEqualTo("3");
        assertThat(simulator.received())
                .extracting(RecordedRequest::modelId)
                .containsExactly("us." + HAIKU, "us." + HAIKU, "us.amazon.nova-lite-v1:0")
                .allSatisfy(modelId -> assertThat(modelId).startsWith("us."));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Search.in(meters)
                                .name("gateway.fallbacks")
                                .tag("from", "us." + HAIKU)
                                .tag("to", "us.amazon.nova-lite-v1:0")
                                .tag("reason", "throttled")
                                .counter())
                        .isNotNull());
    }

    @Test
    void whenEveryChoiceFailsTheCallerGetsTheLastFailureAndTheAttemptCount() {
        simulator.failRequestsFor("us." + HAIKU, SimulatorFault.throttling());
        simulator.failRequestsFor("us.amazon.nova-lite-v1:0", SimulatorFault.serviceUnavailable("Down."));

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(HAIKU));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("4");
        assertThat(simulator.received()).extracting(RecordedRequest::modelId).noneMatch(id -> id.startsWith("eu."));
    }

    @Test
    void aValidationErrorReachesTheCallerAfterOneAttempt() {
        simulator.failRequestsFor("us." + HAIKU, SimulatorFault.validation("Malformed input request."));

        GatewayResponse response = gateway.postJson("/v1/chat/completions", chat(HAIKU));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("1");
        assertThat(simulator.received()).hasSize(1);
    }

    @Test
    void aStreamThrottledBeforeItsFirstEventIsAnsweredByTheFallbackAndSaysSo() {
        simulator.failRequestsFor("us." + HAIKU, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson(
                "/v1/chat/completions",
                "{\"model\":\"" + HAIKU + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(response.header("x-gateway-attempts")).isEqualTo("3");
        assertThat(response.body()).contains("Simulated ").contains("data: [DONE]");
        assertThat(simulator.received()).extracting(RecordedRequest::modelId).allMatch(id -> id.startsWith("us."));
    }
}
