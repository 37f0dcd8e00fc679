package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outside the {@code local} profile, {@code gateway.bedrock.endpoint} sends Bedrock calls to that
 * endpoint, signed with the credentials and region of the standard AWS chains (here the environment
 * surefire sets), not the simulator's dummy keys.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.simulator.enabled=false",
            "gateway.auth.enabled=false",
            "gateway.bedrock.region=us-east-1"
        })
@Import(GatewayClient.class)
class BedrockEndpointPropertyIntegrationTest {

    private static final BedrockSimulator bedrock = BedrockSimulator.start(0);

    @Autowired
    GatewayClient gateway;

    @DynamicPropertySource
    static void bedrockEndpoint(DynamicPropertyRegistry registry) {
        registry.add("gateway.bedrock.endpoint", () -> bedrock.endpoint().toString());
    }

    @AfterAll
    static void stopBedrock() {
        bedrock.close();
    }

    @Test
    void chatWhenTheEndpointPropertyIsSetThenTheCallReachesThatEndpoint() {
        GatewayResponse response = chat("via property");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply to: via property");
        assertThat(bedrock.lastReceived().modelId()).isEqualTo("us.amazon.nova-lite-v1:0");
    }

    @Test
    void chatWhenTheEndpointPropertyIsSetThenTheCallIsSignedWithTheEnvironmentCredentials() {
        assertThat(chat("signed").status()).isEqualTo(200);

        RecordedRequest recorded = bedrock.lastReceived();
        assertThat(recorded.signingAccessKeyId()).isEqualTo("AKIDTESTONLY");
        assertThat(recorded.signingRegion()).isEqualTo("us-east-1");
    }

    private GatewayResponse chat(String text) {
        return gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"%s"}]}""".formatted(text));
    }
}
