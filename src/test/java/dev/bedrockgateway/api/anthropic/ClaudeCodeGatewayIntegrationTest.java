package dev.bedrockgateway.api.anthropic;

import static dev.bedrockgateway.support.ErrorAssertions.assertAnthropicError;
import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Claude Code itself sends, over raw HTTP, in each of the two set-ups README.md documents: the Messages format
 * ({@code ANTHROPIC_BASE_URL} and {@code ANTHROPIC_AUTH_TOKEN}) and Bedrock's InvokeModel format
 * ({@code CLAUDE_CODE_USE_BEDROCK=1}, {@code CLAUDE_CODE_SKIP_BEDROCK_AUTH=1} and the key in
 * {@code ANTHROPIC_CUSTOM_HEADERS}). The headers and bodies follow Claude Code's own traffic.
 */
@GatewayIntegrationTest
class ClaudeCodeGatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String SONNET_PROFILE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String SONNET_BASE = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String INVOKE_STREAM =
            "/model/" + SONNET_PROFILE.replace(":", "%3A") + "/invoke-with-response-stream";

    private static final String BETAS =
            "claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14";
    /** The betas above that Bedrock takes, in the order sent. */
    private static final List<String> BEDROCK_BETAS =
            List.of("interleaved-thinking-2025-05-14", "fine-grained-tool-streaming-2025-05-14");

    /** The headers Claude Code sends to {@code ANTHROPIC_BASE_URL} with {@code ANTHROPIC_AUTH_TOKEN} set. */
    private static final String[] CLAUDE_CODE_HEADERS = {
        "Authorization", "Bearer " + GatewayClient.DEMO_KEY,
        "anthropic-version", "2023-06-01",
        "anthropic-beta", BETAS,
        "anthropic-dangerous-direct-browser-access", "true",
        "x-app", "cli",
        "User-Agent", "claude-cli/2.0.14 (external, cli)",
        "X-Claude-Code-Session-Id", "5f0e3c1a-7b2d-4e8f-9a61-0c3d2b1e4f5a",
        "x-stainless-lang", "js",
        "x-stainless-retry-count", "0",
        "x-stainless-timeout", "600",
        "Content-Type", "application/json",
        "Accept", "application/json"
    };

    private static final String SYSTEM = """
            [{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.",
              "cache_control":{"type":"ephemeral"}},
             {"type":"text","text":"You are an interactive CLI tool that helps users with software engineering tasks.",
              "cache_control":{"type":"ephemeral"}}]""";

    private static final String TOOLS = """
            [{"name":"Read","description":"Reads a file from the local filesystem.",
              "input_schema":{"type":"object","properties":{
                "file_path":{"type":"string","description":"The absolute path to the file to read"},
                "offset":{"type":"number"},"limit":{"type":"number"}},
               "required":["file_path"],"additionalProperties":false,
               "$schema":"http://json-schema.org/draft-07/schema#"}},
             {"name":"Bash","description":"Executes a given bash command.",
              "input_schema":{"type":"object","properties":{"command":{"type":"string"}},
               "required":["command"],"additionalProperties":false,
               "$schema":"http://json-schema.org/draft-07/schema#"},
              "cache_control":{"type":"ephemeral"}}]""";

    private static final String MESSAGES = """
            [{"role":"user","content":[
              {"type":"text","text":"<system-reminder>\\nThis is a reminder that your todo list is empty.\\n</system-reminder>"},
              {"type":"text","text":"Read the README of this café ☕ repository","cache_control":{"type":"ephemeral"}}]}]""";

    /** A first turn of Claude Code in the Messages format, thinking on, as it sends it. */
    private static final String MESSAGES_BODY = """
            {"model":"claude-sonnet-4-5-20250929","messages":%s,"temperature":1,"system":%s,"tools":%s,
             "metadata":{"user_id":"user_2f1e4d_account__session_5f0e3c1a-7b2d-4e8f-9a61-0c3d2b1e4f5a"},
             "max_tokens":32000,"thinking":{"budget_tokens":31999,"type":"enabled"},"stream":true}""".formatted(MESSAGES, SYSTEM, TOOLS);

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void aStreamedTurnInTheMessagesFormatArrivesAsAnthropicsEventsAndReachesBedrockIntactBarTheBetas() {
        GatewayResponse response = claudeCode("/v1/messages?beta=true", MESSAGES_BODY);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        assertThat(response.header("request-id")).isNotBlank();
        List<JsonNode> events = serverSentEvents(response.body());
        assertAnthropicOrder(events);
        JsonNode delta = events.get(events.size() - 2);
        assertThat(delta.at("/delta/stop_reason").asString()).isEqualTo("tool_use");
        assertThat(events)
                .anySatisfy(event ->
                        assertThat(event.at("/content_block/type").asString()).isEqualTo("thinking"))
                .anySatisfy(event ->
                        assertThat(event.at("/content_block/name").asString()).isEqualTo("Read"));

        RecordedRequest received = simulator.lastReceived();
        assertThat(received.operationName()).isEqualTo("InvokeModelWithResponseStream");
        assertThat(received.modelId()).isEqualTo(SONNET_PROFILE);
        ObjectNode sent = (ObjectNode) JSON.readTree(received.body());
        assertThat(sent.remove("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(sent.remove("anthropic_beta").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(BEDROCK_BETAS);
        ObjectNode asked = (ObjectNode) JSON.readTree(MESSAGES_BODY);
        asked.remove(List.of("model", "stream"));
        assertThat(sent).isEqualTo(asked);
    }

    @Test
    void countTokensAsClaudeCodeSendsItIsCountedByBedrockUnderTheBaseModelIdAndAgreesWithTheTurn() {
        String counted = """
                {"model":"claude-sonnet-4-5-20250929","messages":%s,"system":%s,"tools":%s}""".formatted(MESSAGES, SYSTEM, TOOLS);

        GatewayResponse count = claudeCode("/v1/messages/count_tokens?beta=true", counted);

        assertThat(count.status()).as(count.body()).isEqualTo(200);
        assertThat(count.json().propertyNames()).containsExactly("input_tokens");
        int tokens = count.json().path("input_tokens").asInt();
        RecordedRequest received = simulator.lastReceived();
        assertThat(received.operationName()).isEqualTo("CountTokens");
        assertThat(received.modelId()).isEqualTo(SONNET_BASE);
        JsonNode invokeBody = JSON.readTree(Base64.getDecoder()
                .decode(JSON.readTree(received.body())
                        .at("/input/invokeModel/body")
                        .asString()));
        assertThat(invokeBody.has("model")).isFalse();
        assertThat(invokeBody.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(invokeBody.path("anthropic_beta").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(BEDROCK_BETAS);
        assertThat(invokeBody.path("tools")).isEqualTo(JSON.readTree(TOOLS));

        GatewayResponse turn = gateway.postJson(
                "/v1/messages",
                counted.replaceFirst("\\{", "{\"max_tokens\":1024,"),
                "anthropic-version",
                "2023-06-01",
                "anthropic-beta",
                BETAS);
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        JsonNode usage = turn.json().path("usage");
        assertThat(tokens)
                .isPositive()
                .isEqualTo(usage.path("input_tokens").asInt()
                        + usage.path("cache_read_input_tokens").asInt()
                        + usage.path("cache_creation_input_tokens").asInt());
    }

    @Test
    void aStreamedTurnInTheInvokeModelFormatWithTheKeyInACustomHeaderIsForwardedByteForByte() throws Exception {
        // What the Anthropic Bedrock SDK inside Claude Code writes: unusual spacing kept, to prove nothing re-encodes.
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","anthropic_beta":["interleaved-thinking-2025-05-14",  "fine-grained-tool-streaming-2025-05-14"],
                 "max_tokens":32000,"thinking":{"budget_tokens":31999,"type":"enabled"},"temperature":1,
                 "messages":%s,"system":%s,"tools":%s,
                 "metadata":{"user_id":"user_2f1e4d_account__session_5f0e3c1a"}}""".formatted(MESSAGES, SYSTEM, TOOLS);
        HttpRequest request = gateway.withApiKey(null)
                .request(
                        INVOKE_STREAM,
                        // CLAUDE_CODE_SKIP_BEDROCK_AUTH: no Authorization; ANTHROPIC_CUSTOM_HEADERS: the key.
                        "x-api-key",
                        GatewayClient.DEMO_KEY,
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "application/json",
                        "x-app",
                        "cli",
                        "User-Agent",
                        "claude-cli/2.0.14 (external, cli)")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/vnd.amazon.eventstream"));
        assertThat(request.headers().firstValue("Authorization")).isEmpty();
        List<JsonNode> chunks = chunks(response.body());
        assertAnthropicOrder(chunks);
        // Bedrock's metrics on the last chunk agree with Anthropic's usage on the first; the marked prompt is cached.
        JsonNode usage = chunks.get(0).at("/message/usage");
        JsonNode metrics = chunks.get(chunks.size() - 1).path("amazon-bedrock-invocationMetrics");
        assertThat(metrics.path("inputTokenCount").asInt())
                .isEqualTo(usage.path("input_tokens").asInt());
        assertThat(metrics.path("cacheWriteInputTokenCount").asInt())
                .isPositive()
                .isEqualTo(usage.path("cache_creation_input_tokens").asInt());

        RecordedRequest received = simulator.lastReceived();
        assertThat(received.operationName()).isEqualTo("InvokeModelWithResponseStream");
        assertThat(received.modelId()).isEqualTo(SONNET_PROFILE);
        assertThat(received.body()).isEqualTo(body);
    }

    @Test
    void withoutAnyKeyEachFormatIsRefused401InItsOwnShapeAndBedrockHearsNothing() {
        GatewayClient anonymous = gateway.withApiKey(null);

        GatewayResponse invoke = anonymous.postJson(INVOKE_STREAM, """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,
                 "messages":[{"role":"user","content":"Hello"}]}""");
        GatewayResponse messages = anonymous.postJson(
                "/v1/messages?beta=true",
                MESSAGES_BODY,
                "anthropic-version",
                "2023-06-01",
                "anthropic-beta",
                BETAS,
                "x-app",
                "cli");

        assertAwsError(invoke, 401, "UnrecognizedClientException");
        assertThat(assertAnthropicError(messages, 401, "authentication_error")).contains("API key");
        assertThat(simulator.received()).isEmpty();
    }

    /** POSTs as Claude Code does with ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN set. */
    private GatewayResponse claudeCode(String path, String body) {
        GatewayClient claudeCode = gateway.withApiKey(null);
        return claudeCode.send(
                claudeCode.request(path, CLAUDE_CODE_HEADERS).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Anthropic's order: message_start first; each block opened, given its deltas and closed with its index before
     * the next opens; then message_delta and message_stop last. Pings may come anywhere after message_start.
     */
    private static void assertAnthropicOrder(List<JsonNode> events) {
        List<String> types =
                events.stream().map(event -> event.path("type").asString()).toList();
        assertThat(types.get(0)).as("first of %s", types).isEqualTo("message_start");
        List<String> withoutPings =
                types.stream().filter(type -> !type.equals("ping")).toList();
        assertThat(withoutPings.subList(withoutPings.size() - 2, withoutPings.size()))
                .as("end of %s", types)
                .containsExactly("message_delta", "message_stop");
        int open = -1;
        int blocks = 0;
        for (JsonNode event : events) {
            switch (event.path("type").asString()) {
                case "content_block_start" -> {
                    assertThat(open)
                            .as("a block opened while %d is open in %s", open, types)
                            .isEqualTo(-1);
                    open = event.path("index").asInt();
                    assertThat(open).as("blocks numbered in order").isEqualTo(blocks++);
                }
                case "content_block_delta" ->
                    assertThat(event.path("index").asInt())
                            .as("delta of the open block")
                            .isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(event.path("index").asInt())
                            .as("stop of the open block")
                            .isEqualTo(open);
                    open = -1;
                }
                default -> {
                    // message_start, message_delta, message_stop and pings carry no block.
                }
            }
        }
        assertThat(open).as("every block closed").isEqualTo(-1);
        assertThat(blocks).as("blocks in %s", types).isPositive();
    }

    /** The data of each server-sent event, checked to be named as its own type. */
    private static List<JsonNode> serverSentEvents(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n");
            assertThat(lines).as("an event of two lines: %s", block).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            assertThat(data.path("type").asString())
                    .as("the event named as its type")
                    .isEqualTo(lines[0].substring("event: ".length()));
            events.add(data);
        }
        return events;
    }

    /** The Anthropic events inside the {@code chunk} frames of an event stream, every frame checked to be one. */
    private static List<JsonNode> chunks(byte[] stream) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(stream);
        while (buffer.hasRemaining()) {
            Message frame = Message.decode(buffer);
            assertThat(frame.getHeaders().get(":message-type").getString()).isEqualTo("event");
            assertThat(frame.getHeaders().get(":event-type").getString()).isEqualTo("chunk");
            String bytes = JSON.readTree(frame.getPayload()).path("bytes").asString();
            chunks.add(JSON.readTree(Base64.getDecoder().decode(bytes)));
        }
        return chunks;
    }
}
