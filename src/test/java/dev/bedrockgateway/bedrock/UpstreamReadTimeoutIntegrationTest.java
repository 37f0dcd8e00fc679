package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Pins {@code gateway.bedrock.read-timeout} with the whole-call timeout left at its default: a silent
 * Bedrock is given up after the read timeout on every surface (for Converse as the attempt timeout, since
 * its socket reads have none), and the caller hears 504 in its format.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {"gateway.bedrock.read-timeout=300ms", "gateway.bedrock.max-attempts=1"})
class UpstreamReadTimeoutIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @BeforeEach
    void slowBedrockDown() {
        simulator.delayResponses(Duration.ofSeconds(3));
    }

    @Test
    void completionsWhenBedrockIsSilentLongerThanTheReadTimeoutThenAnswers504BeforeTheDelayEnds() {
        long start = System.nanoTime();
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""");

        assertOpenAiError(response, 504, "api_error", null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void wireConverseWhenBedrockIsSilentLongerThanTheReadTimeoutThenAnswers504InAwsShape() {
        UpstreamTimeoutIntegrationTest.assertWireCallTimesOut(gateway, "converse");
    }

    @Test
    void wireConverseStreamWhenBedrockIsSilentLongerThanTheReadTimeoutThenAnswers504InAwsShape() {
        UpstreamTimeoutIntegrationTest.assertWireCallTimesOut(gateway, "converse-stream");
    }
}
