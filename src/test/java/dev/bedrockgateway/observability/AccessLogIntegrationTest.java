package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access log as the console shows it: one {@code dev.bedrockgateway.access} line per chat request, found
 * by the request ID the caller got back, with the facts operators need and none of the prompt, the answer
 * or the key.
 */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTest {

    private static final String ACCESS_LOGGER = "dev.bedrockgateway.access";
    /** The readable head of the line: method, path, status and latency. */
    private static final Pattern HEAD = Pattern.compile("(POST) (\\S+) (\\d{3}) (\\d+)ms ");

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    /** A direct model ID, which routing rewrites to a US inference profile: requested and resolved differ. */
    private static final String MODEL = "amazon.nova-lite-v1:0";

    private static final String BEDROCK_MODEL = "us.amazon.nova-lite-v1:0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    GatewayClient gateway;

    @Test
    void accessLogWhenACallSucceedsAndAKeyIsRefusedThenEachRequestHasAFullLineAndNoPromptAnswerOrKey(
            CapturedOutput output) {
        String promptMarker = "prompt-marker-" + UUID.randomUUID();
        String wrongKey = "wrong-key-" + UUID.randomUUID();

        GatewayResponse answered = gateway.postJson("/v1/chat/completions", chatBody(promptMarker, false));
        GatewayResponse refused =
                gateway.withApiKey(wrongKey).postJson("/v1/chat/completions", chatBody(promptMarker, false));

        assertThat(answered.status()).as("body %s", answered.body()).isEqualTo(200);
        assertThat(refused.status()).as("body %s", refused.body()).isEqualTo(401);
        String answer = answered.json()
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString();
        assertThat(answer).as("the simulator's answer").contains(promptMarker);
        JsonNode usage = answered.json().path("usage");

        Map<String, String> ok = accessLine(output, answered.header("x-request-id"));
        assertThat(ok)
                .containsEntry("method", "POST")
                .containsEntry("path", "/v1/chat/completions")
                .containsEntry("status", "200")
                .containsEntry("tenant", "demo")
                .containsEntry("api", "openai")
                .containsEntry("model", MODEL)
                .containsEntry("bedrock_model", BEDROCK_MODEL)
                .containsEntry("stream", "false")
                .containsEntry("outcome", "success")
                .containsEntry(
                        "input_tokens",
                        Integer.toString(usage.path("prompt_tokens").asInt()))
                .containsEntry(
                        "output_tokens",
                        Integer.toString(usage.path("completion_tokens").asInt()))
                .containsKey("latency_ms");
        assertThat(Integer.parseInt(ok.get("input_tokens"))).isPositive();
        assertThat(Integer.parseInt(ok.get("output_tokens"))).isPositive();
        assertThat(Double.parseDouble(ok.get("cost_usd")))
                .as("at the catalog's price")
                .isPositive();

        Map<String, String> denied = accessLine(output, refused.header("x-request-id"));
        assertThat(denied)
                .containsEntry("status", "401")
                .containsEntry("tenant", "none")
                .containsEntry("api", "openai")
                .containsEntry("stream", "false")
                .containsEntry("outcome", "client_error")
                .containsEntry("input_tokens", "-")
                .containsEntry("output_tokens", "-")
                .containsEntry("cost_usd", "-")
                .containsKeys("model", "bedrock_model", "latency_ms");

        assertThat(output.getAll()).doesNotContain(promptMarker, answer, GatewayClient.DEMO_KEY, wrongKey);
    }

    @Test
    void accessLogNamesTheServiceTierAndTheEmbeddingsAndResponsesApis(CapturedOutput output) {
        GatewayResponse tiered = gateway.postJson(
                "/v1/chat/completions",
                "{\"model\":\"openai.gpt-oss-120b-1:0\",\"service_tier\":\"priority\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        GatewayResponse embedded =
                gateway.postJson("/v1/embeddings", "{\"model\":\"amazon.titan-embed-text-v2:0\",\"input\":\"Hi\"}");
        GatewayResponse responded = gateway.postJson("/v1/responses", "{\"model\":\"" + MODEL + "\",\"input\":\"Hi\"}");

        assertThat(accessLine(output, tiered.header("x-request-id")))
                .containsEntry("service_tier", "priority")
                .containsEntry("api", "openai");
        assertThat(accessLine(output, embedded.header("x-request-id")))
                .containsEntry("api", "embeddings")
                .containsEntry("status", "200")
                .containsEntry("service_tier", "-");
        assertThat(accessLine(output, responded.header("x-request-id")))
                .containsEntry("api", "responses")
                .containsEntry("bedrock_model", BEDROCK_MODEL);
    }

    @Test
    void accessLogWhenAStreamEndsThenItsRequestHasOneLineWithStreamTrue(CapturedOutput output) throws Exception {
        String promptMarker = "stream-marker-" + UUID.randomUUID();
        HttpRequest request = gateway.request("/v1/chat/completions", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(promptMarker, true)))
                .build();

        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        List<String> lines = response.body().toList();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).contains("data: [DONE]");
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        Map<String, String> line = accessLine(output, requestId);
        assertThat(line)
                .containsEntry("status", "200")
                .containsEntry("tenant", "demo")
                .containsEntry("stream", "true")
                .containsEntry("outcome", "success")
                .containsEntry("model", MODEL)
                .containsEntry("bedrock_model", BEDROCK_MODEL)
                .containsKeys("input_tokens", "output_tokens");
        assertThat(Double.parseDouble(line.get("cost_usd")))
                .as("settled before the stream's line is written")
                .isPositive();
        // Give a second, late line (e.g. from a second async cycle) the chance to show up before counting.
        Thread.sleep(300);
        assertThat(accessLines(output, requestId)).hasSize(1);
        assertThat(output.getAll()).doesNotContain(promptMarker, GatewayClient.DEMO_KEY);
    }

    @Test
    void accessLogWhenClaudeIsCalledThroughMessagesAndTheInvokeWireThenEachLineNamesItsApiAndBedrocksTokenCounts(
            CapturedOutput output) {
        String claude = "anthropic.claude-haiku-4-5-20251001-v1:0";
        GatewayResponse messages = gateway.postJson("/v1/messages", """
                {"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hello log"}]}""");
        GatewayResponse streamed = gateway.postJson("/v1/messages", """
                {"model":"claude-haiku-4-5","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"Hello streamed log"}]}""");
        String invokePath = "/model/" + claude.replace(":", "%3A") + "/invoke";
        GatewayResponse invoke = gateway.postJson(invokePath, """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,
                 "messages":[{"role":"user","content":"Hello invoke log please"}]}""");

        assertThat(List.of(messages.status(), streamed.status(), invoke.status()))
                .as("%s %s %s", messages.body(), streamed.body(), invoke.body())
                .containsOnly(200);
        JsonNode usage = messages.json().path("usage");
        assertThat(accessLine(output, messages.header("x-request-id")))
                .containsEntry("path", "/v1/messages")
                .containsEntry("api", "anthropic")
                .containsEntry("bedrock_model", "us." + claude)
                .containsEntry("stream", "false")
                .containsEntry("outcome", "success")
                .containsEntry(
                        "input_tokens",
                        Integer.toString(usage.path("input_tokens").asInt()))
                .containsEntry(
                        "output_tokens",
                        Integer.toString(usage.path("output_tokens").asInt()));

        JsonNode start =
                sseData(streamed.body(), "message_start").path("message").path("usage");
        JsonNode delta = sseData(streamed.body(), "message_delta").path("usage");
        assertThat(accessLine(output, streamed.header("x-request-id")))
                .containsEntry("api", "anthropic")
                .containsEntry("stream", "true")
                .containsEntry("outcome", "success")
                .containsEntry(
                        "input_tokens",
                        Integer.toString(start.path("input_tokens").asInt()))
                .containsEntry(
                        "output_tokens",
                        Integer.toString(delta.path("output_tokens").asInt()));

        Map<String, String> wire = accessLine(output, invoke.header("x-request-id"));
        assertThat(wire)
                .containsEntry("path", invokePath)
                .containsEntry("api", "bedrock-invoke")
                .containsEntry("model", claude)
                .containsEntry("bedrock_model", "us." + claude)
                .containsEntry("stream", "false")
                .containsEntry("outcome", "success")
                .containsEntry("input_tokens", invoke.header("X-Amzn-Bedrock-Input-Token-Count"))
                .containsEntry("output_tokens", invoke.header("X-Amzn-Bedrock-Output-Token-Count"));
        assertThat(Integer.parseInt(wire.get("input_tokens"))).isPositive();
        assertThat(Double.parseDouble(wire.get("cost_usd"))).isPositive();
    }

    /** The data of the first server-sent event of this type. */
    private static JsonNode sseData(String body, String type) {
        String head = "event: " + type + "\ndata: ";
        int at = body.indexOf(head);
        assertThat(at).as("a %s event in %s", type, body).isNotNegative();
        int start = at + head.length();
        return JSON.readTree(body.substring(start, body.indexOf('\n', start)));
    }

    private static String chatBody(String prompt, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"Hello %s"}]}""".formatted(MODEL, stream, prompt);
    }

    /**
     * The fields of the one access line for this request, polled for since the line is written when the
     * (asynchronous) request completes, which can be just after the caller has its answer. The line's head
     * gives {@code method}, {@code path}, {@code status} and {@code latency_ms}.
     */
    private static Map<String, String> accessLine(CapturedOutput output, String requestId) {
        assertThat(requestId).as("x-request-id").isNotBlank();
        List<String> lines = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accessLines(output, requestId), found -> !found.isEmpty());
        assertThat(lines).as("access lines for %s", requestId).hasSize(1);
        String line = lines.get(0);
        Matcher head = HEAD.matcher(line);
        assertThat(head.find())
                .as("method, path, status and latency in %s", line)
                .isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("method", head.group(1));
        fields.put("path", head.group(2));
        fields.put("status", head.group(3));
        fields.put("latency_ms", head.group(4));
        Matcher field = FIELD.matcher(line.substring(head.end()));
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        assertThat(fields).as("fields of %s", line).containsEntry("request_id", requestId);
        return fields;
    }

    private static List<String> accessLines(CapturedOutput output, String requestId) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains(ACCESS_LOGGER))
                .filter(line -> line.contains("request_id=" + requestId + " "))
                .toList();
    }
}
