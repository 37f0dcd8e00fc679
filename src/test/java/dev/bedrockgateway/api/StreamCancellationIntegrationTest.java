package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.limits.InFlightLimit;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.eventstream.Message;

/**
 * The Converse-style streams, {@code /v1/chat} server-sent events and the binary
 * {@code /model/{modelId}/converse-stream}: a caller that goes away mid-stream cancels the upstream Bedrock
 * stream (the simulator sees its connection close) and ends the call at once, as cancelled, freeing its place in
 * flight; and proxies are told not to buffer either stream.
 */
@GatewayIntegrationTest
class StreamCancellationIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final String WIRE_STREAM = "/model/us.amazon.nova-lite-v1%3A0/converse-stream";
    /** 27 words: at 300 ms a delta, the whole answer would take about 8 s. */
    private static final String LONG_PROMPT = "a b c d e f g h i j k l m n o p q r s t u v w x y z";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    InFlightLimit inFlight;

    @Autowired
    MeterRegistry meters;

    @Test
    void chatStreamWhenConverseStyleThenTellsProxiesNotToBufferIt() throws IOException {
        HttpResponse<InputStream> response = open("/v1/chat", converseBody(true, "Hi"));

        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("event: metadata");
        }
    }

    @Test
    void converseStreamWireThenTellsProxiesNotToBufferTheEventStream() throws IOException {
        HttpResponse<InputStream> response = open(WIRE_STREAM, converseBody(false, "Hi"));

        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.amazon.eventstream");
            assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            List<String> eventTypes = new ArrayList<>();
            DataInputStream frames = new DataInputStream(body);
            Message frame;
            while ((frame = nextFrame(frames)) != null) {
                eventTypes.add(frame.getHeaders().get(":event-type").getString());
            }
            assertThat(eventTypes).startsWith("messageStart").endsWith("messageStop", "metadata");
        }
    }

    @Test
    void chatStreamWhenTheCallerDisconnectsThenTheUpstreamStreamIsCancelled() throws IOException {
        simulator.delayStreamDeltas(Duration.ofMillis(300));
        HttpResponse<InputStream> response = open("/v1/chat", converseBody(true, LONG_PROMPT));
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.contains("\"text\":\"Simulated \""));
            assertThat(line).as("first text delta").isNotNull();
        }

        awaitUpstreamCancelled();
    }

    @Test
    void converseStreamWireWhenTheCallerDisconnectsThenTheUpstreamStreamIsCancelled() throws IOException {
        simulator.delayStreamDeltas(Duration.ofMillis(300));
        HttpResponse<InputStream> response = open(WIRE_STREAM, converseBody(false, LONG_PROMPT));
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            DataInputStream frames = new DataInputStream(body);
            Message frame;
            do {
                frame = nextFrame(frames);
            } while (frame != null
                    && !new String(frame.getPayload(), StandardCharsets.UTF_8).contains("\"text\":\"Simulated \""));
            assertThat(frame).as("first text delta frame").isNotNull();
            assertThat(frame.getHeaders().get(":event-type").getString()).isEqualTo("contentBlockDelta");
        }

        awaitUpstreamCancelled();
    }

    @Test
    void chatStreamWhenTheCallerDisconnectsThenTheCallEndsAsCancelledAndFreesItsPlaceInFlight() throws IOException {
        simulator.delayStreamDeltas(Duration.ofMillis(300));
        // A stream an earlier test left is recorded when it ends: count from a quiet gateway.
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 0);
        double cancelledBefore = cancelledCalls("converse");
        HttpResponse<InputStream> response = open("/v1/chat", converseBody(true, LONG_PROMPT));
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.contains("\"text\":\"Simulated \""));
            assertThat(line).as("first text delta").isNotNull();
        }

        // Well before the answer's ~8 s: the call ends when its caller goes, not when Bedrock would have finished.
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(cancelledCalls("converse")).isEqualTo(cancelledBefore + 1);
            assertThat(inFlight.inFlight()).isZero();
        });
    }

    @Test
    void converseStreamWireWhenTheCallerDisconnectsThenTheCallEndsAsCancelledAndFreesItsPlaceInFlight()
            throws IOException {
        simulator.delayStreamDeltas(Duration.ofMillis(300));
        // A stream an earlier test left is recorded when it ends: count from a quiet gateway.
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 0);
        double cancelledBefore = cancelledCalls("bedrock-wire");
        HttpResponse<InputStream> response = open(WIRE_STREAM, converseBody(false, LONG_PROMPT));
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            DataInputStream frames = new DataInputStream(body);
            Message frame;
            do {
                frame = nextFrame(frames);
            } while (frame != null
                    && !new String(frame.getPayload(), StandardCharsets.UTF_8).contains("\"text\":\"Simulated \""));
            assertThat(frame).as("first text delta frame").isNotNull();
        }

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(cancelledCalls("bedrock-wire")).isEqualTo(cancelledBefore + 1);
            assertThat(inFlight.inFlight()).isZero();
        });
    }

    /** Calls of one API style recorded with the outcome {@code cancelled}. */
    private double cancelledCalls(String api) {
        return meters.find("gateway.requests").tags("api", api, "outcome", "cancelled").timers().stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    private void awaitUpstreamCancelled() {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(simulator.cancelledStreams()).containsExactly(MODEL));
    }

    /** A Converse body; {@code /v1/chat} needs the model and {@code stream} in it, the wire has both in the path. */
    private static String converseBody(boolean chatSurface, String prompt) {
        String messages = """
                "messages":[{"role":"user","content":[{"text":"%s"}]}]""".formatted(prompt);
        return chatSurface
                ? "{\"modelId\":\"%s\",\"stream\":true,%s}".formatted(MODEL, messages)
                : "{%s}".formatted(messages);
    }

    private HttpResponse<InputStream> open(String path, String body) {
        HttpRequest request = gateway.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event-stream frame (its prelude starts with the total length), or null at the end. */
    private static @Nullable Message nextFrame(DataInputStream in) throws IOException {
        byte[] length = new byte[4];
        int read = in.readNBytes(length, 0, 4);
        if (read == 0) {
            return null;
        }
        int total = ByteBuffer.wrap(length).getInt();
        ByteBuffer frame = ByteBuffer.allocate(total).put(length);
        in.readFully(frame.array(), 4, total - 4);
        return Message.decode(frame.rewind());
    }
}
