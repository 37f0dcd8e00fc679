package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Bedrock misbehaving under a stream, over real HTTP with the AWS SDK inside: a connection dropped mid-answer, a
 * model that stalls before its first event, and a caller that reads slower than Bedrock writes. Each ends as it
 * should, is counted, and leaves nothing behind: the gateway's Bedrock connection pool is only two connections
 * here, so one connection kept by any of these would starve the calls after it.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.bedrock.max-connections=2",
            "gateway.routing.breaker.enabled=false",
            "gateway.routing.retry.first-event-timeout=400ms",
            "gateway.routing.retry.backoff.initial=5ms",
            "gateway.routing.retry.max-attempts=3",
            "gateway.routing.fallbacks.us.anthropic.claude-3-7-sonnet-20250219-v1\\:0[0]=us.amazon.nova-lite-v1:0",
        })
class UpstreamFaultsIntegrationTest {

    private static final String NOVA = "us.amazon.nova-lite-v1:0";
    private static final String SONNET = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    MeterRegistry meters;

    private static String stream(String model, String text) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    @Test
    void aConnectionDroppedMidAnswerEndsTheStreamWithAnErrorEventIsCountedAndFreesItsConnection() {
        simulator.dropStreamsFor(NOVA, 2);
        double before = upstreamErrors();

        for (int i = 0; i < 5; i++) {
            GatewayResponse response =
                    gateway.postJson("/v1/chat/completions", stream(NOVA, "one two three four five"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .as("the caller learns the answer was cut short")
                    .contains("Simulated")
                    .contains("\"error\"")
                    .doesNotContain("\"finish_reason\":\"stop\"");
        }
        simulator.reset();

        // A call is recorded once its response is complete, which can be just after the caller read its end.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(upstreamErrors() - before)
                        .as("each dropped stream is counted")
                        .isEqualTo(5));
        assertThat(gateway.postJson("/v1/chat/completions", stream(NOVA, "after"))
                        .body())
                .as("five dropped streams left the two-connection pool usable")
                .contains("data: [DONE]");
    }

    @Test
    void aStreamStalledBeforeItsFirstEventIsGivenUpAfterTheFirstEventTimeoutAndServedByItsFallback() {
        simulator.stallStreamsFor(SONNET, Duration.ofSeconds(30));

        for (int i = 0; i < 3; i++) {
            GatewayResponse response = gateway.postJson("/v1/chat/completions", stream(SONNET, "Hi"));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo(NOVA);
            assertThat(response.header("x-gateway-attempts")).isEqualTo("3");
            assertThat(response.body()).contains("data: [DONE]");
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Counter timeouts = Search.in(meters)
                    .name("gateway.fallbacks")
                    .tag("from", SONNET)
                    .tag("reason", "timeout")
                    .counter();
            assertThat(timeouts).isNotNull();
            assertThat(timeouts.count()).isEqualTo(3);
        });
        assertThat(simulator.received())
                .as("every attempt and fallback stayed in the tenant's region and geography")
                .allSatisfy(recorded -> {
                    assertThat(recorded.signingRegion()).isEqualTo("us-east-1");
                    assertThat(recorded.modelId()).startsWith("us.");
                });
        // Six stalled upstream streams were cancelled; had any kept its connection, this would wait for a free one.
        assertThat(gateway.postJson("/v1/chat/completions", stream(NOVA, "after"))
                        .body())
                .contains("data: [DONE]");
    }

    @Test
    void aCallerReadingSlowerThanBedrockWritesGetsTheWholeAnswerInOrder() throws Exception {
        String words = IntStream.range(0, 4000).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        byte[] body = stream(NOVA, words).getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(2048);
            socket.connect(new java.net.InetSocketAddress(
                    "localhost", gateway.baseUri().getPort()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                            + GatewayClient.DEMO_KEY + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.write(buffer, 0, read);
                Thread.sleep(2);
            }
        }

        String answer = received.toString(StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("data: [DONE]").doesNotContain("\"error\"");
        assertThat(answer.indexOf("w3999"))
                .as("the last word arrives, after the first")
                .isGreaterThan(answer.indexOf("w0 "));
    }

    private double upstreamErrors() {
        return Search.in(meters).name("gateway.upstream.errors").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
