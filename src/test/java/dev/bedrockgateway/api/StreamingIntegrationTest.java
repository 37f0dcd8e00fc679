package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streaming over real HTTP, read line by line as the bytes arrive: OpenAI server-sent events on
 * {@code /v1/chat/completions}, Converse events on {@code /v1/chat}, errors before and after the first
 * byte, no buffering, cancellation when the caller goes away, self-healing and authentication.
 */
@GatewayIntegrationTest
class StreamingIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    /** Faulty models get their own ID, so that no late upstream retry can reach another test's model. */
    private static final String THROTTLED = "test.stream-throttled-v1:0";

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    JsonMapper json;

    @Test
    void completionsStreamWhenUsageIsRequestedThenSendsOpenAiChunksUsageAndDone() {
        String prompt = "Hello stream world";
        String streamedBody = """
                {"model":"bedrock/%s","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(MODEL, prompt);

        Streamed response = stream(COMPLETIONS, streamedBody);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(response.headers().firstValue("x-gateway-bedrock-model-id")).hasValue(MODEL);
        assertEveryEventIsOneDataLine(response);
        assertThat(response.events()).last().extracting(SseEvent::data).isEqualTo("[DONE]");

        List<JsonNode> chunks = chunks(response);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asString())
                    .startsWith("chatcmpl-")
                    .isEqualTo(chunks.get(0).path("id").asString());
            assertThat(chunk.path("model").asString()).isEqualTo("bedrock/" + MODEL);
            assertThat(chunk.path("created").asLong()).isPositive();
        });
        assertThat(chunks.get(0)
                        .path("choices")
                        .get(0)
                        .path("delta")
                        .path("role")
                        .asString())
                .isEqualTo("assistant");
        GatewayResponse whole =
                gateway.postJson(COMPLETIONS, streamedBody.replace("\"stream\":true", "\"stream\":false"));
        assertThat(content(chunks))
                .isEqualTo(whole.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply to: " + prompt);
        assertThat(finishReasons(chunks)).containsExactly("stop");

        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage")).isEqualTo(whole.json().path("usage"));
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(9);

        assertThat(simulator.received())
                .filteredOn(request -> request.modelId().equals(MODEL))
                .extracting(RecordedRequest::operation)
                .containsExactly("converse-stream", "converse");
    }

    @Test
    void completionsStreamWhenUsageIsNotRequestedThenNoUsageChunkIsSent() {
        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi"}]}""".formatted(MODEL));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.events()).last().extracting(SseEvent::data).isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(response);
        assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isFalse();
            assertThat(chunk.path("choices")).hasSize(1);
        });
        assertThat(content(chunks)).isEqualTo("Simulated reply to: Hi");
    }

    @Test
    void completionsStreamWhenMaxTokensCutsTheAnswerThenFinishReasonIsLength() {
        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"max_tokens":2,
                 "messages":[{"role":"user","content":"one two three"}]}""".formatted(MODEL));

        List<JsonNode> chunks = chunks(response);
        assertThat(content(chunks)).isEqualTo("Simulated reply");
        assertThat(finishReasons(chunks)).containsExactly("length");
    }

    @Test
    void chatStreamWhenConverseStyleThenSendsNamedUnionWrappedEventsInBedrockOrder() {
        Streamed response = stream("/v1/chat", """
                {"modelId":"%s","stream":true,
                 "messages":[{"role":"user","content":[{"text":"Hello converse"}]}]}""".formatted(MODEL));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("x-gateway-bedrock-model-id")).hasValue(MODEL);
        List<String> names = response.events().stream().map(SseEvent::name).toList();
        assertThat(String.join(",", names))
                .matches("messageStart(,contentBlockDelta)+,contentBlockStop,messageStop,metadata");
        List<JsonNode> payloads = response.events().stream()
                .map(event -> json.readTree(event.data()))
                .toList();
        for (int i = 0; i < names.size(); i++) {
            assertThat(payloads.get(i).propertyNames())
                    .as("payload of %s", names.get(i))
                    .containsExactly(names.get(i));
        }
        assertThat(payloads.get(0).path("messageStart").path("role").asString()).isEqualTo("assistant");
        String text = payloads.stream()
                .filter(payload -> payload.has("contentBlockDelta"))
                .map(payload -> payload.path("contentBlockDelta")
                        .path("delta")
                        .path("text")
                        .asString())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Simulated reply to: Hello converse");
        assertThat(payloads.get(names.size() - 2)
                        .path("messageStop")
                        .path("stopReason")
                        .asString())
                .isEqualTo("end_turn");
        JsonNode metadata = payloads.get(names.size() - 1).path("metadata");
        assertThat(metadata.path("usage").path("inputTokens").asInt()).isEqualTo(2);
        assertThat(metadata.path("usage").path("outputTokens").asInt()).isEqualTo(5);
        assertThat(metadata.path("usage").path("totalTokens").asInt()).isEqualTo(7);
    }

    @Test
    void completionsStreamWhenBedrockFailsBeforeTheFirstEventThenAnswersTheNormalOpenAiError() {
        simulator.failRequestsFor(THROTTLED, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi"}]}""".formatted(THROTTLED));

        JsonNode error = assertOpenAiError(response, 429, "rate_limit_error", null);
        assertThat(error.path("code").asString()).isEqualTo("ThrottlingException");
        assertThat(response.header("Content-Type")).doesNotContain("event-stream");
        assertThat(simulator.lastReceived().operation()).isEqualTo("converse-stream");
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void completionsStreamWhenBedrockThrottlesBeforeTheFirstEventThenTriesOnceMoreAndAnswersTheThrottling() {
        simulator.failRequestsFor(THROTTLED, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi"}]}""".formatted(THROTTLED));

        assertThat(response.status()).isEqualTo(429);
        // Never inside the SDK (a retry there could replay events the caller already has); the gateway's own retry
        // tries the model once more before the first event, and there is no fallback chain here.
        assertThat(simulator.received()).as("upstream attempts").hasSize(2);
        assertThat(response.header("x-gateway-attempts")).isEqualTo("2");
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void converseStreamWireWhenBedrockFailsBeforeTheFirstEventThenAnswersTheAwsError() {
        simulator.failRequestsFor(THROTTLED, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson("/model/test.stream-throttled-v1%3A0/converse-stream", """
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""");

        String message = assertAwsError(response, 429, "ThrottlingException");
        assertThat(message).isEqualTo(SimulatorFault.throttling().message());
        assertThat(simulator.lastReceived().operation()).isEqualTo("converse-stream");
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void completionsStreamWhenBedrockFailsMidStreamThenEndsWithAnErrorEventAndNoDone() {
        simulator.failStreamsFor(THROTTLED, 2, SimulatorFault.throttling());

        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi there"}]}""".formatted(THROTTLED));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.events()).extracting(SseEvent::data).doesNotContain("[DONE]");
        List<JsonNode> events = response.events().stream()
                .map(event -> json.readTree(event.data()))
                .toList();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.propertyNames()).containsExactly("error");
        assertThat(last.path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(last.path("error").path("code").asString()).isEqualToIgnoringCase("ThrottlingException");
        assertThat(last.path("error").path("message").asString())
                .isEqualTo(SimulatorFault.throttling().message());
        List<JsonNode> chunks = events.subList(0, events.size() - 1);
        assertThat(content(chunks)).isEqualTo("Simulated reply ");
        assertThat(finishReasons(chunks)).isEmpty();
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void completionsStreamWhenBedrockThrottlesMidStreamThenTheErrorCodeIsTheExceptionName() {
        simulator.failStreamsFor(THROTTLED, 2, SimulatorFault.throttling());

        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi there"}]}""".formatted(THROTTLED));

        JsonNode last = json.readTree(
                response.events().get(response.events().size() - 1).data());
        assertThat(last.path("error").path("code").asString()).isEqualTo("ThrottlingException");
        awaitUpstreamRetriesOver(THROTTLED);
    }

    @Test
    void completionsStreamWhenBedrockFailsMidStreamThenTheUpstreamCallIsNotRepeated() {
        simulator.failStreamsFor(THROTTLED, 2, SimulatorFault.throttling());

        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi there"}]}""".formatted(THROTTLED));

        assertThat(response.events())
                .last()
                .extracting(SseEvent::data)
                .asString()
                .contains("\"error\"");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(simulator.received()).hasSize(1));
    }

    @Test
    void completionsStreamWhenTheModelIsSlowThenEachChunkIsSentAsSoonAsItArrives() {
        simulator.delayStreamDeltas(Duration.ofMillis(300));

        // "Simulated reply to: one two three four five": 8 deltas, 2.4 s in all.
        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"one two three four five"}]}""".formatted(MODEL));

        SseEvent firstContent = response.events().stream()
                .filter(event -> event.data().contains("\"content\":\"Simulated \""))
                .findFirst()
                .orElseThrow();
        SseEvent done = response.events().get(response.events().size() - 1);
        assertThat(done.data()).isEqualTo("[DONE]");
        assertThat(Duration.ofNanos(done.arrivedNanos() - firstContent.arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void completionsStreamWhenTheCallerDisconnectsThenTheUpstreamStreamIsCancelled() throws Exception {
        simulator.delayStreamDeltas(Duration.ofMillis(300));
        String prompt = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
        HttpResponse<InputStream> response = open(gateway, COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"%s"}]}""".formatted(MODEL, prompt));
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.contains("\"content\":\"Simulated \""));
            assertThat(line).as("first content chunk").isNotNull();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(simulator.cancelledStreams()).containsExactly(MODEL));
    }

    @Test
    void completionsStreamWhenBedrockRefusesADirectIdOnDemandThenStreamsFromTheInferenceProfile() {
        String direct = "anthropic.claude-stream-future-v1:0";
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        Streamed response = stream(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Heal me"}]}""".formatted(direct));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-gateway-bedrock-model-id")).hasValue("us." + direct);
        assertThat(content(chunks(response))).isEqualTo("Simulated reply to: Heal me");
        assertThat(response.events()).last().extracting(SseEvent::data).isEqualTo("[DONE]");
        List<RecordedRequest> upstream = simulator.received().stream()
                .filter(request -> request.modelId().endsWith(direct))
                .toList();
        assertThat(upstream).extracting(RecordedRequest::modelId).containsExactly(direct, "us." + direct);
        assertThat(upstream)
                .extracting(RecordedRequest::operation)
                .containsExactly("converse-stream", "converse-stream");
    }

    @Test
    void completionsStreamWhenNoApiKeyIsSentThenAnswers401AndNothingReachesBedrock() {
        GatewayResponse response = gateway.withApiKey(null).postJson(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hi"}]}""".formatted(MODEL));

        assertOpenAiError(response, 401, "authentication_error", null);
        assertThat(simulator.received())
                .filteredOn(request -> request.modelId().equals(MODEL))
                .isEmpty();
    }

    /**
     * Waits until the gateway's SDK has made its last attempt for the model ({@code amz-sdk-request:
     * attempt=N; max=N}), so that no late upstream retry lands in a later test's recordings.
     */
    private void awaitUpstreamRetriesOver(String modelId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> simulator.received().stream()
                        .filter(request -> request.modelId().equals(modelId))
                        .reduce((first, second) -> second)
                        .map(request -> String.valueOf(request.headers().get("amz-sdk-request")))
                        .map(attempt -> attempt.matches("\\[attempt=(\\d+); max=\\1]"))
                        .orElse(true));
    }

    private void assertEveryEventIsOneDataLine(Streamed response) {
        List<String> lines = response.lines();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines.size() % 2).as("lines come in pairs").isZero();
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i)).as("line %d", i).startsWith("data: ");
            assertThat(lines.get(i + 1)).as("line %d", i + 1).isEmpty();
        }
    }

    private List<JsonNode> chunks(Streamed response) {
        return response.events().stream()
                .filter(event -> !"[DONE]".equals(event.data()))
                .map(event -> json.readTree(event.data()))
                .toList();
    }

    private static String content(List<JsonNode> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.path("choices").valueStream())
                .map(choice -> choice.path("delta").path("content").asString(""))
                .collect(Collectors.joining());
    }

    private static List<String> finishReasons(List<JsonNode> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.path("choices").valueStream())
                .map(choice -> choice.path("finish_reason"))
                .filter(reason -> !reason.isNull() && !reason.isMissingNode())
                .map(JsonNode::asString)
                .toList();
    }

    /** Sends a request and reads the whole streamed answer line by line, noting when each event arrived. */
    private Streamed stream(String path, String body) {
        HttpResponse<InputStream> response = open(gateway, path, body);
        CompletableFuture<Streamed> read = CompletableFuture.supplyAsync(() -> read(response));
        try {
            return read.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            closeQuietly(response.body());
            throw new AssertionError("The stream did not end within 10 s", e);
        }
    }

    private static HttpResponse<InputStream> open(GatewayClient gateway, String path, String body) {
        HttpRequest request = gateway.request(path)
                .header("Content-Type", "application/json")
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

    private static Streamed read(HttpResponse<InputStream> response) {
        List<String> lines = new ArrayList<>();
        List<SseEvent> events = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    events.add(new SseEvent(name, line.substring("data: ".length()), System.nanoTime()));
                    name = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Streamed(response.statusCode(), response.headers(), lines, events);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Only unblocking the reader.
        }
    }

    private record SseEvent(String name, String data, long arrivedNanos) {}

    private record Streamed(int status, HttpHeaders headers, List<String> lines, List<SseEvent> events) {}
}
