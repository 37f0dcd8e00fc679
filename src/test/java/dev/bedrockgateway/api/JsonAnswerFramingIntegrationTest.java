package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins how JSON answers are framed on the wire: with a {@code Content-Length}, never chunked, so an answer
 * leaves the gateway in one write and is complete for the caller before the gateway's bookkeeping runs.
 */
@GatewayIntegrationTest
class JsonAnswerFramingIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void completionsWhenAnswered200ThenSendsContentLengthNotChunks() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertSized(response);
    }

    @Test
    void wireConverseWhenAnswered200ThenSendsContentLengthNotChunks() {
        GatewayResponse response = gateway.postJson("/model/us.amazon.nova-lite-v1%3A0/converse", """
                {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertSized(response);
    }

    @Test
    void completionsWhenTheRequestIsRefusedThenTheErrorIsSizedToo() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[]}""");

        assertThat(response.status()).isEqualTo(400);
        assertSized(response);
    }

    private static void assertSized(GatewayResponse response) {
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.header("Content-Length"))
                .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
    }
}
