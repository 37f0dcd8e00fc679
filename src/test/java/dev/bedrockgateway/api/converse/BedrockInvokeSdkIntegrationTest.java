package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The InvokeModel wire with the stock AWS SDK v2 as the client, as the Anthropic Bedrock SDKs and Claude Code
 * with {@code CLAUDE_CODE_USE_BEDROCK=1} use it: the provider's body reaches Bedrock byte for byte under the
 * routed model ID, and Bedrock's answer, headers and stream chunks come back unchanged.
 */
@GatewayIntegrationTest
class BedrockInvokeSdkIntegrationTest {

    /** A direct ID of a catalogued model: routing sends it to the demo tenant's US profile. */
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    private static final String HAIKU_PROFILE = "us." + HAIKU;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose
    private static BedrockRuntimeClient client;

    @AutoClose
    private static BedrockRuntimeAsyncClient streams;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    GatewayClient gateway;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = BedrockRuntimeClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(SdkClients.DEMO_TOKEN)
                .authSchemeProvider(SdkClients.BEARER_FIRST)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        streams = SdkClients.bedrockAsync(gateway);
    }

    private static String claudeBody(String text) {
        return """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":200,
                 "anthropic_beta":["interleaved-thinking-2025-05-14"],
                 "x_unknown_field":{"kept":[1,2,3]},
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(text);
    }

    private static InvokeModelResponse invoke(String modelId, String body) {
        return client.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
    }

    @Test
    void invokeForwardsTheBodyByteForByteUnderTheRoutedIdAndAnswersWithBedrocksBytesAndHeaders() {
        String body = claudeBody("Hello invoke");

        InvokeModelResponse response = invoke(HAIKU, body);

        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModel");
        assertThat(simulator.lastReceived().modelId()).isEqualTo(HAIKU_PROFILE);
        assertThat(simulator.lastReceived().body()).isEqualTo(body);
        JsonNode answer = JSON.readTree(response.body().asUtf8String());
        assertThat(answer.path("type").asString()).isEqualTo("message");
        assertThat(answer.path("content").path(0).path("text").asString()).contains("Hello invoke");
        int input = answer.path("usage").path("input_tokens").asInt();
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
                .contains(Integer.toString(input));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-gateway-bedrock-model-id"))
                .contains(HAIKU_PROFILE);
    }

    @Test
    void invokeModelsOptionalSettingsReachBedrockAndItsAnswerHeadersComeBack() {
        InvokeModelResponse response = client.invokeModel(r -> r.modelId(HAIKU)
                .body(SdkBytes.fromUtf8String(claudeBody("options")))
                .performanceConfigLatency("optimized")
                .trace("ENABLED")
                .guardrailIdentifier("gr-1")
                .guardrailVersion("2"));

        assertThat(simulator.lastReceived().header("x-amzn-bedrock-performanceconfig-latency"))
                .isEqualTo("optimized");
        assertThat(simulator.lastReceived().header("x-amzn-bedrock-trace")).isEqualTo("ENABLED");
        assertThat(simulator.lastReceived().header("x-amzn-bedrock-guardrailidentifier"))
                .isEqualTo("gr-1");
        assertThat(simulator.lastReceived().header("x-amzn-bedrock-guardrailversion"))
                .isEqualTo("2");
        assertThat(response.performanceConfigLatencyAsString()).isEqualTo("optimized");
    }

    @Test
    void invokeCountsTheCallUnderItsOwnApiTagWithBedrocksTokenCounts() {
        double before = tokens("input");

        InvokeModelResponse response = invoke(HAIKU, claudeBody("count me"));

        int input = Integer.parseInt(response.sdkHttpResponse()
                .firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
                .orElseThrow());
        // Metrics are recorded once the answer is written, which the client may see first.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(tokens("input") - before).isEqualTo(input);
            assertThat(Search.in(meters)
                            .name("gateway.requests")
                            .tag("api", "bedrock-invoke")
                            .tag("outcome", "success")
                            .timer())
                    .isNotNull();
            assertThat(Search.in(meters)
                            .name("gateway.bedrock.call")
                            .tag("operation", "InvokeModel")
                            .timer())
                    .as("the Bedrock call itself, timed by operation")
                    .isNotNull();
        });
    }

    private double tokens(String direction) {
        return Search.in(meters)
                .name("gateway.tokens")
                .tag("model", HAIKU_PROFILE)
                .tag("direction", direction)
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void aToolRoundTripAndASignedThinkingBlockSurviveTheWire() {
        String asked = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":2000,
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "tools":[{"name":"get_weather","description":"Weather for a city",
                   "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[{"role":"user","content":"What is the weather in Paris? use get_weather"}]}""";

        JsonNode first = JSON.readTree(invoke(HAIKU, asked).body().asUtf8String());

        assertThat(first.path("stop_reason").asString()).isEqualTo("tool_use");
        JsonNode thinking = find(first.path("content"), "thinking");
        JsonNode toolUse = find(first.path("content"), "tool_use");
        assertThat(thinking.path("signature").asString()).isNotBlank();

        String followUp = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":2000,
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "tools":%s,
                 "messages":[{"role":"user","content":"What is the weather in Paris? use get_weather"},
                   {"role":"assistant","content":%s},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"18 C and sunny"}]}]}""".formatted(
                        JSON.readTree(asked).path("tools"),
                        first.path("content"),
                        toolUse.path("id").asString());

        JsonNode second = JSON.readTree(invoke(HAIKU, followUp).body().asUtf8String());

        assertThat(second.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(simulator.lastReceived().body()).isEqualTo(followUp);
    }

    @Test
    void anAlteredThinkingSignatureIsRefusedByBedrockAndTheSdkSeesItsValidationException() {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":2000,
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"Hi"},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"I think","signature":"forged"},
                     {"type":"text","text":"Hello"}]},
                   {"role":"user","content":"Again"}]}""";

        assertThatThrownBy(() -> invoke(HAIKU, body)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theStreamPassesEachChunkOnInAnthropicsOrderEndingWithBedrocksInvocationMetrics() {
        List<String> types = Collections.synchronizedList(new ArrayList<>());
        List<JsonNode> chunks = Collections.synchronizedList(new ArrayList<>());

        streams.invokeModelWithResponseStream(
                        r -> r.modelId(HAIKU).body(SdkBytes.fromUtf8String(claudeBody("Stream this please"))),
                        InvokeModelWithResponseStreamResponseHandler.builder()
                                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                        .onChunk((PayloadPart part) -> {
                                            JsonNode chunk =
                                                    JSON.readTree(part.bytes().asUtf8String());
                                            chunks.add(chunk);
                                            types.add(chunk.path("type").asString());
                                        })
                                        .build())
                                .build())
                .join();

        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModelWithResponseStream");
        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types).contains("content_block_start", "content_block_delta", "content_block_stop");
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("message_delta", "message_stop");
        JsonNode metrics = chunks.get(chunks.size() - 1).path("amazon-bedrock-invocationMetrics");
        assertThat(metrics.path("outputTokenCount").asInt())
                .isEqualTo(chunks.get(chunks.size() - 2)
                        .path("usage")
                        .path("output_tokens")
                        .asInt());
    }

    @Test
    void aThrottledInvokeReachesTheSdkAsThrottlingException() {
        simulator.failRequestsFor(HAIKU_PROFILE, SimulatorFault.throttling());

        assertThatThrownBy(() -> invoke(HAIKU, claudeBody("busy"))).isInstanceOf(ThrottlingException.class);
    }

    @Test
    void aFailureMidStreamEndsTheStreamWithAnExceptionFrameTheSdkRaises() {
        simulator.failStreamsFor(HAIKU_PROFILE, 1, SimulatorFault.modelStreamError("The model stopped."));

        assertThatThrownBy(() -> streams.invokeModelWithResponseStream(
                                r -> r.modelId(HAIKU).body(SdkBytes.fromUtf8String(claudeBody("cut short"))),
                                InvokeModelWithResponseStreamResponseHandler.builder()
                                        .subscriber(event -> {})
                                        .build())
                        .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ModelStreamErrorException.class);
    }

    @Test
    void aDirectIdBedrockRefusesOnDemandIsAnsweredByItsProfileWithoutTheCallerSeeingTheRefusal() {
        String direct = "anthropic.claude-future-v1:0";
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        InvokeModelResponse response = invoke(direct, claudeBody("heal me"));

        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-gateway-bedrock-model-id"))
                .contains("us." + direct);
        assertThat(simulator.received()).extracting(r -> r.modelId()).containsExactly(direct, "us." + direct);
    }

    @Test
    void badInputGetsAnAwsErrorWithAFourHundredNeverAFiveHundred() {
        assertThatThrownBy(() -> invoke(HAIKU, "{not json"))
                .isInstanceOfSatisfying(
                        BedrockRuntimeException.class,
                        e -> assertThat(e.statusCode()).isBetween(400, 499));
        assertThatThrownBy(() -> invoke("not-a-model", claudeBody("who?")))
                .isInstanceOfSatisfying(
                        BedrockRuntimeException.class,
                        e -> assertThat(e.statusCode()).isBetween(400, 499));
    }

    @Test
    void aBodyOverTheSizeLimitGets413InTheAwsShape() {
        byte[] huge = new byte[21 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');

        GatewayResponse response =
                gateway.postJson("/model/" + HAIKU + "/invoke", new String(huge, StandardCharsets.US_ASCII));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("x-amzn-ErrorType")).startsWith("ValidationException");
        assertThat(response.json().path("message").asString()).isNotBlank();
    }

    private static JsonNode find(JsonNode content, String type) {
        for (JsonNode block : content) {
            if (type.equals(block.path("type").asString())) {
                return block;
            }
        }
        throw new AssertionError("no " + type + " block in " + content);
    }
}
