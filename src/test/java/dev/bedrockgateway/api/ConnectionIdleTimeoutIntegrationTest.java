package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.eventstream.Message;

/**
 * The servlet container's connection idle timeout ({@code server.jetty.connection-idle-timeout}, 60 s in
 * application.yml) closes idle keep-alive connections, never a call in progress: a Converse call waiting on Bedrock,
 * and a Bedrock-wire stream between two events (a binary stream gets no keep-alive comments), outlast it over
 * HTTP/1.1 and are answered in full. Over HTTP/2 a stream silent for longer than the timeout was cut in some runs (a
 * race in Jetty's idle checks), which is why application.yml keeps the timeout above the longest silence Bedrock is
 * allowed ({@code gateway.bedrock.read-timeout}). Here the timeout is {@value #IDLE_TIMEOUT_MS} ms, and Bedrock is slower than that.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties =
                "server.jetty.connection-idle-timeout=" + ConnectionIdleTimeoutIntegrationTest.IDLE_TIMEOUT_MS + "ms")
class ConnectionIdleTimeoutIntegrationTest {

    static final int IDLE_TIMEOUT_MS = 1000;

    private static final String MODEL = "us.amazon.nova-lite-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void completionsWhenBedrockAnswersLaterThanTheIdleTimeoutThenTheAnswerArrives() {
        simulator.delayResponses(Duration.ofMillis(3 * IDLE_TIMEOUT_MS));

        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"Hi"}]}""".formatted(MODEL));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Simulated reply to: Hi");
    }

    @Test
    void converseStreamWireWhenEventsAreFartherApartThanTheIdleTimeoutThenTheWholeStreamArrives() throws Exception {
        // 2.5 times the timeout: Jetty checks an idle connection every timeout after its last activity, and fails a
        // write in progress at that instant, so a whole multiple would put each event's write on a check.
        simulator.delayStreamDeltas(Duration.ofMillis(5 * IDLE_TIMEOUT_MS / 2));
        HttpRequest request = gateway.request(
                        "/model/us.amazon.nova-lite-v1%3A0/converse-stream", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}"""))
                .build();
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());

        List<String> eventTypes = new ArrayList<>();
        try (DataInputStream frames = new DataInputStream(response.body())) {
            byte[] length = new byte[4];
            while (frames.readNBytes(length, 0, 4) == 4) {
                int total = ByteBuffer.wrap(length).getInt();
                ByteBuffer frame = ByteBuffer.allocate(total).put(length);
                frames.readFully(frame.array(), 4, total - 4);
                eventTypes.add(Message.decode(frame.rewind())
                        .getHeaders()
                        .get(":event-type")
                        .getString());
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(eventTypes)
                .startsWith("messageStart")
                .contains("contentBlockDelta")
                .endsWith("messageStop", "metadata");
    }

    /** Without this, the tests above would pass with a timeout that was never applied. */
    @Test
    void keepAliveConnectionWhenIdleForLongerThanTheIdleTimeoutThenTheGatewayClosesIt() throws IOException {
        try (Socket socket = new Socket("localhost", gateway.baseUri().getPort())) {
            socket.setSoTimeout(10 * IDLE_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int b;
            // Reads the answer, then waits on the idle connection until the gateway closes it (or the read times out).
            while ((b = in.read()) >= 0) {
                received.write(b);
            }
            long closedAfterMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(received.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            assertThat(closedAfterMs).isBetween((long) IDLE_TIMEOUT_MS / 2, 5L * IDLE_TIMEOUT_MS);
        }
    }
}
