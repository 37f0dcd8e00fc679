package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every successful chat answer, streamed or not, on every surface carries {@code x-request-id}: the caller's
 * when it sent one, otherwise a fresh UUID, and the same value in {@code x-amzn-RequestId} for AWS SDKs.
 * Streams matter most here: their headers are committed before the first event.
 */
@GatewayIntegrationTest
class RequestIdIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    /** Each way to get a chat answer, with the upstream operation it must use. */
    enum Surface {
        CHAT_OPENAI_STYLE("/v1/chat", "converse", """
                {"model":"%s","messages":[{"role":"user","content":"hi"}]}"""),
        CHAT_CONVERSE_STYLE("/v1/chat", "converse", """
                {"modelId":"%s","messages":[{"role":"user","content":[{"text":"hi"}]}]}"""),
        COMPLETIONS("/v1/chat/completions", "converse", """
                {"model":"%s","messages":[{"role":"user","content":"hi"}]}"""),
        COMPLETIONS_STREAM("/v1/chat/completions", "converse-stream", """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        WIRE_CONVERSE("/model/us.amazon.nova-lite-v1%3A0/converse", "converse", """
                {"messages":[{"role":"user","content":[{"text":"hi"}]}]}"""),
        WIRE_CONVERSE_STREAM("/model/us.amazon.nova-lite-v1%3A0/converse-stream", "converse-stream", """
                {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""");

        private final String path;
        private final String operation;
        private final String body;

        Surface(String path, String operation, String body) {
            this.path = path;
            this.operation = operation;
            this.body = body;
        }

        String body() {
            return body.formatted(MODEL);
        }
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void chatWhenTheCallerSendsARequestIdThenTheSuccessfulAnswerEchoesIt(Surface surface) {
        String sent = "caller-" + surface.name().toLowerCase(Locale.ROOT) + ":42.a_b";

        GatewayResponse response = gateway.postJson(surface.path, surface.body(), "x-request-id", sent);

        assertSucceeded(surface, response);
        assertThat(response.header("x-request-id")).isEqualTo(sent);
        assertThat(response.header("x-amzn-RequestId")).isEqualTo(sent);
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void chatWhenTheCallerSendsNoRequestIdThenTheSuccessfulAnswerCarriesANewUuid(Surface surface) {
        GatewayResponse first = gateway.postJson(surface.path, surface.body());
        assertSucceeded(surface, first);
        GatewayResponse second = gateway.postJson(surface.path, surface.body());
        assertSucceeded(surface, second);

        assertThat(first.header("x-request-id")).matches(UUID);
        assertThat(first.header("x-amzn-RequestId")).isEqualTo(first.header("x-request-id"));
        assertThat(second.header("x-request-id")).matches(UUID).isNotEqualTo(first.header("x-request-id"));
    }

    private void assertSucceeded(Surface surface, GatewayResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo(MODEL);
        assertThat(simulator.lastReceived().operation()).isEqualTo(surface.operation);
    }
}
