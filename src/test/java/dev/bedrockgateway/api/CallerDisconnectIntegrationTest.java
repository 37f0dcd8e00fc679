package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A caller that hangs up while its non-streaming call waits on Bedrock cancels that call: the gateway aborts its
 * Bedrock request and ends the call at once, long before Bedrock (slowed to {@value #BEDROCK_DELAY_S} s here) would
 * have answered. Shown on each surface over a raw HTTP/1.1 socket that the test closes.
 */
@GatewayIntegrationTest
class CallerDisconnectIntegrationTest {

    private static final int BEDROCK_DELAY_S = 20;
    private static final String NOVA = "us.amazon.nova-lite-v1:0";
    private static final String CLAUDE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String DEMO_KEY = "Authorization: Bearer " + GatewayClient.DEMO_KEY;
    private static final String ANTHROPIC_VERSION = "anthropic-version: 2023-06-01";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    MeterRegistry meters;

    static Stream<Arguments> surfaces() {
        return Stream.of(
                Arguments.of("openai", "/v1/chat/completions", """
                        {"model":"%s","messages":[{"role":"user","content":"hang up openai"}]}""".formatted(NOVA)),
                Arguments.of("bedrock-wire", "/model/us.amazon.nova-lite-v1%3A0/converse", """
                        {"messages":[{"role":"user","content":[{"text":"hang up bedrock-wire"}]}]}"""),
                Arguments.of("bedrock-invoke", "/model/us.amazon.nova-lite-v1%3A0/invoke", """
                        {"messages":[{"role":"user","content":[{"text":"hang up bedrock-invoke"}]}]}"""),
                Arguments.of("anthropic", "/v1/messages", """
                        {"model":"%s","max_tokens":50,"messages":[{"role":"user","content":"hang up anthropic"}]}""".formatted(CLAUDE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surfaces")
    void aCallerThatHangsUpWhileBedrockThinksCancelsTheBedrockCall(String api, String path, String body)
            throws Exception {
        simulator.delayResponses(Duration.ofSeconds(BEDROCK_DELAY_S));
        long before = cancelled(api).map(Timer::count).orElse(0L);

        try (Socket socket = new Socket("localhost", gateway.baseUri().getPort())) {
            RawHttp.send(socket, path, body.getBytes(StandardCharsets.UTF_8), DEMO_KEY, ANTHROPIC_VERSION);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !simulator.received().isEmpty());
        }

        await().atMost(Duration.ofSeconds(BEDROCK_DELAY_S / 2))
                .untilAsserted(() -> assertThat(cancelled(api).map(Timer::count).orElse(0L))
                        .as("a cancelled %s call is recorded", api)
                        .isEqualTo(before + 1));
        Timer call = cancelled(api).orElseThrow();
        assertThat(call.max(TimeUnit.SECONDS))
                .as("the call ended when its caller left, not when Bedrock answered")
                .isLessThan(BEDROCK_DELAY_S / 2.0);
    }

    /** This surface's cancelled non-streaming calls of the demo tenant (other tests may cancel other models). */
    private java.util.Optional<Timer> cancelled(String api) {
        return java.util.Optional.ofNullable(Search.in(meters)
                .name("gateway.requests")
                .tag("tenant", "demo")
                .tag("api", api)
                .tag("model", "anthropic".equals(api) ? CLAUDE : NOVA)
                .tag("stream", "false")
                .tag("outcome", "cancelled")
                .timer());
    }
}
