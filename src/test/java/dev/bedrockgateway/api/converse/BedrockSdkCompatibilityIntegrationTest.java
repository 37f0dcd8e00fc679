package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.SdkClients;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stock AWS SDK v2 Bedrock Runtime client, pointed at the gateway with nothing but an endpoint
 * override, must work exactly as it does against Bedrock: same shapes, same exception classes.
 */
@GatewayIntegrationTest
class BedrockSdkCompatibilityIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    private static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PathRecorder SENT_PATHS = new PathRecorder();

    @AutoClose
    private static BedrockRuntimeAsyncClient client;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(SdkClients.DEMO_TOKEN)
                .authSchemeProvider(SdkClients.BEARER_FIRST)
                .overrideConfiguration(
                        c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(SENT_PATHS))
                .build();
    }

    @Test
    void converseWhenRequestIsPlainThenReturnsTheSimulatedAnswerWithStopReasonAndUsage() {
        ConverseResponse response =
                client.converse(request(NOVA_LITE, "Hello gateway")).join();

        assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(response.output().message().content())
                .extracting(ContentBlock::text)
                .containsExactly("Simulated reply to: Hello gateway");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isEqualTo(2);
        assertThat(response.usage().outputTokens()).isEqualTo(5);
        assertThat(response.usage().totalTokens()).isEqualTo(7);
        assertThat(response.metrics().latencyMs()).isNotNull().isNotNegative();
        assertThat(simulator.lastReceived().modelId()).isEqualTo(NOVA_LITE);
    }

    @Test
    void converseWhenEveryOptionalFieldIsSetThenAllReachBedrockAndResponseFieldsComeBack() {
        Document requestFields = Document.mapBuilder()
                .putNumber("top_k", 40)
                .putDocument(
                        "thinking",
                        Document.mapBuilder()
                                .putString("type", "enabled")
                                .putNumber("budget_tokens", 1024)
                                .putDocument(
                                        "weights",
                                        Document.listBuilder()
                                                .addNumber(0.25)
                                                .addBoolean(true)
                                                .build())
                                .build())
                .build();

        ConverseResponse response = client.converse(ConverseRequest.builder()
                        .modelId(NOVA_LITE)
                        .system(SystemContentBlock.fromText("Be brief."))
                        .messages(userMessage("Hi there"))
                        .inferenceConfig(c ->
                                c.maxTokens(2000).temperature(0.5f).topP(0.9f).stopSequences("END"))
                        .additionalModelRequestFields(requestFields)
                        .additionalModelResponseFieldPaths("/stop_sequence", "/amazon-bedrock-trace")
                        .requestMetadata(Map.of("tenant", "acme", "team", "search"))
                        .build())
                .join();

        JsonNode sent = JSON.readTree(simulator.lastReceived().body());
        assertThat(sent.path("system").get(0).path("text").asString()).isEqualTo("Be brief.");
        assertThat(sent.path("messages")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("Hi there");
        JsonNode config = sent.path("inferenceConfig");
        assertThat(config.path("maxTokens").asInt()).isEqualTo(2000);
        assertThat(config.path("temperature").asDouble()).isCloseTo(0.5, within(1e-6));
        assertThat(config.path("topP").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(config.path("stopSequences").get(0).asString()).isEqualTo("END");
        assertThat(sent.path("additionalModelRequestFields")).isEqualTo(JSON.readTree("""
                {"top_k":40,"thinking":{"type":"enabled","budget_tokens":1024,"weights":[0.25,true]}}"""));
        assertThat(sent.path("additionalModelResponseFieldPaths")).isEqualTo(JSON.readTree("""
                ["/stop_sequence","/amazon-bedrock-trace"]"""));
        assertThat(sent.path("requestMetadata")).isEqualTo(JSON.readTree("""
                {"tenant":"acme","team":"search"}"""));

        assertThat(response.additionalModelResponseFields()
                        .asMap()
                        .get("requestedPaths")
                        .asList())
                .extracting(Document::asString)
                .containsExactly("/stop_sequence", "/amazon-bedrock-trace");
    }

    @Test
    void converseWhenModelIdHasAColonThenItIsSentEncodedAndArrivesDecoded() {
        String modelId = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

        client.converse(request(modelId, "hi")).join();

        assertThat(SENT_PATHS.last()).isEqualTo("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
        assertThat(simulator.lastReceived().modelId()).isEqualTo(modelId);
    }

    @Test
    void converseWhenModelIdIsAnInferenceProfileArnThenTheSameArnReachesBedrock() {
        ConverseResponse response = client.converse(request(PROFILE_ARN, "hi")).join();

        assertThat(SENT_PATHS.last())
                .contains("%3A")
                .contains("%2F")
                .isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
                        + "application-inference-profile%2Fa1b2c3d4e5f6/converse");
        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: hi");
        assertThat(simulator.lastReceived().modelId()).isEqualTo(PROFILE_ARN);
    }

    @Test
    void converseWhenModelIdHasTheBedrockPrefixThenThePrefixIsStrippedBeforeBedrock() {
        client.converse(request("bedrock/" + NOVA_LITE, "hi")).join();

        assertThat(simulator.lastReceived().modelId()).isEqualTo(NOVA_LITE);
    }

    static Stream<Arguments> upstreamFaults() {
        return Stream.of(
                Arguments.of(
                        SimulatorFault.validation("Malformed input request: bad field"),
                        ValidationException.class,
                        400),
                Arguments.of(
                        SimulatorFault.accessDenied("You don't have access to the model"),
                        AccessDeniedException.class,
                        403),
                Arguments.of(SimulatorFault.resourceNotFound("Model not found"), ResourceNotFoundException.class, 404),
                Arguments.of(SimulatorFault.throttling(), ThrottlingException.class, 429),
                Arguments.of(
                        SimulatorFault.serviceQuotaExceeded("Quota exceeded for tokens per day"),
                        ServiceQuotaExceededException.class,
                        429),
                Arguments.of(SimulatorFault.modelTimeout("Model took too long"), ModelTimeoutException.class, 504),
                Arguments.of(SimulatorFault.modelNotReady("Model is warming up"), ModelNotReadyException.class, 503),
                Arguments.of(
                        SimulatorFault.serviceUnavailable("Service is busy"), ServiceUnavailableException.class, 503),
                Arguments.of(SimulatorFault.modelError("The model returned an error"), ModelErrorException.class, 424),
                Arguments.of(
                        SimulatorFault.internalServer("Something broke inside Bedrock"),
                        InternalServerException.class,
                        502));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamFaults")
    void converseWhenBedrockFailsThenTheSdkRaisesTheSameExceptionClassWithTheUpstreamMessage(
            SimulatorFault fault, Class<? extends BedrockRuntimeException> expected, int gatewayStatus) {
        String modelId = "test.fault-" + fault.errorType().toLowerCase() + "-v1:0";
        simulator.failRequestsFor(modelId, fault);

        BedrockRuntimeException failure = failureOf(client.converse(request(modelId, "hi")));

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo(fault.errorType());
        assertThat(failure.awsErrorDetails().errorMessage()).isEqualTo(fault.message());
        assertThat(failure.statusCode()).isEqualTo(gatewayStatus);
        assertThat(simulator.lastReceived().modelId()).isEqualTo(modelId);
    }

    @Test
    void converseWhenATextBlockIsBlankThenTheSdkRaisesValidationException() {
        BedrockRuntimeException failure = failureOf(client.converse(ConverseRequest.builder()
                .modelId(NOVA_LITE)
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(" "))
                        .build())
                .build()));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.awsErrorDetails().errorMessage()).contains("blank");
    }

    @Test
    void converseWhenCalledWithTheSyncClientThenReturnsTheSimulatedAnswer(@Autowired GatewayClient gateway) {
        try (BedrockRuntimeClient sync = BedrockRuntimeClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(SdkClients.DEMO_TOKEN)
                .authSchemeProvider(SdkClients.BEARER_FIRST)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {

            ConverseResponse response = sync.converse(request(PROFILE_ARN, "Hello sync"));

            assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: Hello sync");
            assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(simulator.lastReceived().modelId()).isEqualTo(PROFILE_ARN);
        }
    }

    @Test
    void converseWhenTheAsyncClientKeepsItsDefaultHttp2ThenItStillWorks(@Autowired GatewayClient gateway) {
        try (BedrockRuntimeAsyncClient stock = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(SdkClients.DEMO_TOKEN)
                .authSchemeProvider(SdkClients.BEARER_FIRST)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {

            ConverseResponse response =
                    stock.converse(request(NOVA_LITE, "Hello h2")).join();

            assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: Hello h2");
        }
    }

    private static ConverseRequest request(String modelId, String text) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .messages(userMessage(text))
                .build();
    }

    private static Message userMessage(String text) {
        return Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build();
    }

    private static BedrockRuntimeException failureOf(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BedrockRuntimeException bedrock) {
                return bedrock;
            }
            throw new AssertionError("Expected a BedrockRuntimeException but got " + e.getCause(), e.getCause());
        }
        throw new AssertionError("Expected the call to fail, but it succeeded");
    }

    /** Records the encoded path of each request exactly as the SDK puts it on the wire. */
    private static final class PathRecorder implements ExecutionInterceptor {

        private volatile String last;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            last = context.httpRequest().encodedPath();
        }

        String last() {
            return last;
        }
    }
}
