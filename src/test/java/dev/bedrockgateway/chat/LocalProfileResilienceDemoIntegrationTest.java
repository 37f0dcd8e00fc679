package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code local} profile's resilience demo, as a developer runs it (README, "Resilience"): the simulator is
 * scripted from {@code gateway.simulator.faults} to throttle {@code demo.always-throttled-v1:0}, whose fallback then
 * answers. Not a {@code GatewayIntegrationTest}: that resets the simulator, script included, before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@Import(GatewayClient.class)
@TestPropertySource(properties = "gateway.routing.retry.backoff.initial=5ms")
class LocalProfileResilienceDemoIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void theDemoModelIsThrottledTwiceAndAnsweredByItsFallbackAsTheReadmeShows() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"demo.always-throttled-v1:0","messages":[{"role":"user","content":"Hello"}]}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("3");
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(simulator.received())
                .extracting(RecordedRequest::modelId)
                .containsExactly(
                        "demo.always-throttled-v1:0", "demo.always-throttled-v1:0", "us.amazon.nova-lite-v1:0");
    }
}
