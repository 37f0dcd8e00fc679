package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins that an answered call leaves no timer behind. Every SDK call arms its API-call timeout on the
 * factory's shared timers; a pool without remove-on-cancel would keep each cancelled one queued for the
 * whole timeout (10 minutes by default), a steady leak under load.
 */
@GatewayIntegrationTest
class BedrockTimersIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockClientFactory clients;

    @Test
    void converseWhenCallsAreAnsweredThenNoTimerStaysQueued() {
        for (int i = 0; i < 20; i++) {
            assertThat(gateway.postJson("/v1/chat/completions", """
                    {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""").status()).isEqualTo(200);
            assertThat(gateway.postJson("/model/us.amazon.nova-lite-v1%3A0/converse-stream", """
                    {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""")
                            .status())
                    .isEqualTo(200);
        }

        assertThat(clients.pendingTimers()).isZero();
    }
}
