package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.GatewayApplication;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graceful shutdown with a stream in flight, in a gateway of its own (closing the shared test context would
 * break other tests): the stream runs to its end within the grace period while new connections are turned
 * away, as a Kubernetes rollout needs.
 */
class GracefulShutdownIntegrationTest {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(10);
    private static final String PROMPT = "Hello graceful shutdown world";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void closeWhenAStreamIsInFlightThenTheStreamEndsCompleteAndNewConnectionsAreTurnedAway() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .main(GatewayApplication.class)
                .profiles("local")
                .registerShutdownHook(false)
                // Arguments, not builder properties: those are defaults, which application.yml's port 8080 would win
                // over.
                .run(
                        "--server.port=0",
                        "--spring.lifecycle.timeout-per-shutdown-phase=" + GRACE_PERIOD.toSeconds() + "s");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            URI base =
                    URI.create("http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port"));
            // About one delta a word: the stream lasts a couple of seconds, well inside the grace period.
            context.getBean(BedrockSimulator.class).delayStreamDeltas(Duration.ofMillis(300));
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch firstData = new CountDownLatch(1);

            CompletableFuture<Long> streamEnded = CompletableFuture.supplyAsync(
                    () -> {
                        readStream(base, lines, firstData);
                        return System.nanoTime();
                    },
                    threads);
            assertThat(firstData.await(10, TimeUnit.SECONDS))
                    .as("first data line, lines so far %s", lines)
                    .isTrue();
            long closeStarted = System.nanoTime();
            CompletableFuture<Long> closed = CompletableFuture.supplyAsync(
                    () -> {
                        context.close();
                        return System.nanoTime();
                    },
                    threads);

            String newConnection = await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> tryNewConnection(base), outcome -> outcome.equals("refused") || outcome.equals("503"));
            boolean streamStillRunning = !streamEnded.isDone();
            long streamEnd = streamEnded.get(GRACE_PERIOD.toSeconds() + 5, TimeUnit.SECONDS);
            long closeEnd = closed.get(GRACE_PERIOD.toSeconds() + 5, TimeUnit.SECONDS);

            assertThat(newConnection).as("a new connection during shutdown").isIn("refused", "503");
            assertThat(streamStillRunning)
                    .as("the stream was still running when the new connection was turned away")
                    .isTrue();
            assertThat(lines.stream().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b))
                    .as("last data line of %s", lines)
                    .hasValue("data: [DONE]");
            assertThat(streamedText(lines)).isEqualTo("Simulated reply to: " + PROMPT);
            assertThat(Duration.ofNanos(closeEnd - closeStarted))
                    .as("close() time")
                    .isLessThan(GRACE_PERIOD);
            assertThat(closeEnd).as("close() returned after the stream ended").isGreaterThanOrEqualTo(streamEnd);
        } finally {
            context.close();
            threads.shutdownNow();
        }
    }

    /** Streams a chat completion line by line, counting down {@code firstData} at the first data line. */
    private static void readStream(URI base, List<String> lines, CountDownLatch firstData) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + GatewayClient.DEMO_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"us.amazon.nova-lite-v1:0","stream":true,"messages":[{"role":"user","content":"%s"}]}""".formatted(PROMPT)))
                .build();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("data: ")) {
                        firstData.countDown();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stream broke after lines " + lines, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a caller opening a fresh connection gets: {@code refused}, or the status it was answered. */
    private static String tryNewConnection(URI base) {
        HttpClient fresh = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return Integer.toString(
                    fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer's text: the content deltas of every chunk, in order. */
    private static String streamedText(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.stream()
                .filter(line -> line.startsWith("data: {"))
                .map(line -> JSON.readTree(line.substring(6)))
                .forEach(chunk -> chunk.path("choices")
                        .forEach(choice ->
                                text.append(choice.path("delta").path("content").asString(""))));
        return text.toString();
    }
}
