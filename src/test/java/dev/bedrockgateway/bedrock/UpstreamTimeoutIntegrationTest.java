package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
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
import tools.jackson.databind.JsonNode;

/**
 * Pins the answer when Bedrock is slower than {@code gateway.bedrock.api-call-timeout}: 504 in the
 * caller's format. The simulator would answer 200 after its delay, so a 504 proves the timeout fired.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.bedrock.api-call-timeout=300ms")
class UpstreamTimeoutIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @BeforeEach
    void slowBedrockDown() {
        simulator.delayResponses(Duration.ofSeconds(2));
    }

    @Test
    void completionsWhenBedrockAnswersAfterTheApiCallTimeoutThenAnswers504InOpenAiShape() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""");

        JsonNode error = assertOpenAiError(response, 504, "api_error", null);
        assertThat(error.get("message").stringValue()).contains("did not answer in time");
    }

    @Test
    void wireConverseWhenBedrockAnswersAfterTheApiCallTimeoutThenAnswers504InAwsShape() {
        assertWireCallTimesOut(gateway, "converse");
    }

    @Test
    void completionsStreamWhenBedrockAnswersAfterTheApiCallTimeoutThenAnswers504BeforeTheFirstByte() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        JsonNode error = assertOpenAiError(response, 504, "api_error", null);
        assertThat(error.get("message").stringValue()).contains("did not answer in time");
    }

    @Test
    void wireConverseStreamWhenBedrockAnswersAfterTheApiCallTimeoutThenAnswers504InAwsShape() {
        assertWireCallTimesOut(gateway, "converse-stream");
    }

    /** A Bedrock-wire call ({@code converse} or {@code converse-stream}) answered 504 in the AWS shape. */
    static void assertWireCallTimesOut(GatewayClient gateway, String operation) {
        GatewayResponse response = gateway.postJson("/model/us.amazon.nova-lite-v1%3A0/" + operation, """
                {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""");

        assertThat(assertAwsError(response, 504, "ModelTimeoutException")).contains("did not answer in time");
    }
}
