package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.BedrockSimulatorConverseTest.user;
import static dev.bedrockgateway.simulator.InvokeBodies.CLAUDE;
import static dev.bedrockgateway.simulator.InvokeBodies.NOVA;
import static dev.bedrockgateway.simulator.InvokeBodies.bytes;
import static dev.bedrockgateway.simulator.InvokeBodies.claude;
import static dev.bedrockgateway.simulator.InvokeBodies.invoke;
import static dev.bedrockgateway.simulator.InvokeBodies.json;
import static dev.bedrockgateway.simulator.InvokeBodies.nova;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import software.amazon.awssdk.services.bedrockruntime.model.Trace;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** InvokeModel for Claude and Nova through the real AWS SDK client: answers, headers and refusals. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorInvokeModelTest {

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorInvokeModelTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void aClaudeInvocationAnswersAnthropicsMessageAndReportsItsUsageInBedrocksHeaders() {
        InvokeModelResponse response = invoke(client, CLAUDE, claude("What is an inference profile?"));

        JsonNode message = json(response.body());
        assertThat(message.path("id").asString()).matches("msg_bdrk_01[0-9a-f]{24}");
        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.path("content")).hasSize(1);
        assertThat(message.at("/content/0/type").asString()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asString())
                .isEqualTo("Simulated reply to: What is an inference profile?");
        assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(message.path("stop_sequence").isNull()).isTrue();
        JsonNode usage = message.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(5);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(8);
        assertThat(usage.path("cache_creation_input_tokens").asInt(-1)).isZero();
        assertThat(usage.path("cache_read_input_tokens").asInt(-1)).isZero();

        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("5");
        assertThat(header(response, "X-Amzn-Bedrock-Output-Token-Count")).isEqualTo("8");
        assertThat(header(response, "X-Amzn-Bedrock-Invocation-Latency")).matches("\\d+");
        assertThat(header(response, "x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Cache-Read-Input-Token-Count"))
                .isEmpty();
    }

    @Test
    void anInvocationAndAConverseCallWithTheSameQuestionGetTheSameReplyAndTokens() {
        String question = "How many regions does a geography cover?";

        JsonNode message = json(invoke(client, CLAUDE, claude(question)).body());
        ConverseResponse converse =
                client.converse(b -> b.modelId(CLAUDE).messages(user(question))).join();

        assertThat(message.at("/content/0/text").asString())
                .isEqualTo(converse.output().message().content().get(0).text());
        assertThat(message.at("/usage/input_tokens").asInt())
                .isEqualTo(converse.usage().inputTokens());
        assertThat(message.at("/usage/output_tokens").asInt())
                .isEqualTo(converse.usage().outputTokens());
    }

    @Test
    void theSimulatorRecordsTheInvocationUnderItsApiNameWithTheBodyByteForByte() {
        // Unknown top-level fields are let through, so a gateway can forward fields newer than the simulator.
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",  \"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"future_field\":{\"x\":1}}";

        client.invokeModel(b -> b.modelId(CLAUDE)
                        .body(SdkBytes.fromUtf8String(body))
                        .trace(Trace.ENABLED)
                        .guardrailIdentifier("gr-1")
                        .guardrailVersion("3"))
                .join();

        RecordedRequest recorded = simulator.lastReceived();
        assertThat(recorded.operationName()).isEqualTo("InvokeModel");
        assertThat(recorded.operation()).isEqualTo("invoke");
        assertThat(recorded.modelId()).isEqualTo(CLAUDE);
        assertThat(recorded.rawPath()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(recorded.body()).isEqualTo(body);
        assertThat(recorded.header("X-Amzn-Bedrock-Trace")).isEqualTo("ENABLED");
        assertThat(recorded.header("X-Amzn-Bedrock-GuardrailIdentifier")).isEqualTo("gr-1");
        assertThat(recorded.header("X-Amzn-Bedrock-GuardrailVersion")).isEqualTo("3");
    }

    @Test
    void theLatencyAndServiceTierAskedForAreEchoedBack() {
        InvokeModelResponse response = client.invokeModel(b -> b.modelId(CLAUDE)
                        .body(bytes(claude("Hi")))
                        .performanceConfigLatency(PerformanceConfigLatency.OPTIMIZED)
                        .serviceTier(ServiceTierType.PRIORITY))
                .join();
        InvokeModelResponse plain = invoke(client, CLAUDE, claude("Hi"));

        assertThat(response.performanceConfigLatency()).isEqualTo(PerformanceConfigLatency.OPTIMIZED);
        assertThat(response.serviceTier()).isEqualTo(ServiceTierType.PRIORITY);
        assertThat(plain.performanceConfigLatency()).isNull();
        assertThat(plain.serviceTier()).isNull();
    }

    @Test
    void aStopSequenceOrTheTokenLimitEndsTheReplyAsAnthropicReportsIt() {
        ObjectNode stopped = claude("one two three four");
        stopped.putArray("stop_sequences").add("nothing").add("three");
        ObjectNode limited = claude("one two three four").put("max_tokens", 3);

        JsonNode atStop = json(invoke(client, CLAUDE, stopped).body());
        JsonNode atLimit = json(invoke(client, CLAUDE, limited).body());

        assertThat(atStop.at("/content/0/text").asString()).isEqualTo("Simulated reply to: one two");
        assertThat(atStop.path("stop_reason").asString()).isEqualTo("stop_sequence");
        assertThat(atStop.path("stop_sequence").asString()).isEqualTo("three");
        assertThat(atLimit.at("/content/0/text").asString()).isEqualTo("Simulated reply to:");
        assertThat(atLimit.path("stop_reason").asString()).isEqualTo("max_tokens");
        assertThat(atLimit.path("stop_sequence").isNull()).isTrue();
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                refused("a model field", b -> b.put("model", "claude-sonnet-4-5"), "extraneous key [model]"),
                refused("a stream field", b -> b.put("stream", true), "extraneous key [stream] is not permitted"),
                refused("another API version", b -> b.put("anthropic_version", "2023-06-01"), "anthropic_version"),
                refused("no API version", b -> b.remove("anthropic_version"), "required key [anthropic_version]"),
                refused("no max_tokens", b -> b.remove("max_tokens"), "required key [max_tokens] not found"),
                refused("no messages", b -> b.remove("messages"), "required key [messages] not found"),
                refused("an unknown beta", b -> b.putArray("anthropic_beta").add("made-up-2099-01-01"), "beta flag"),
                refused(
                        "a small thinking budget",
                        b -> b.putObject("thinking").put("type", "enabled").put("budget_tokens", 100),
                        "budget_tokens: Input should be greater than or equal to 1024"),
                refused("a system role", b -> ((ObjectNode) b.get("messages").get(0)).put("role", "system"), "role"));
    }

    private static Arguments refused(String what, Consumer<ObjectNode> change, String messagePart) {
        return Arguments.of(what, change, messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aClaudeBodyBedrockWouldRefuseGetsAValidationExceptionSayingWhy(
            String what, Consumer<ObjectNode> change, String messagePart) {
        ObjectNode body = claude("Hi");
        change.accept(body);

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(CLAUDE).body(bytes(body))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.awsErrorDetails().errorMessage()).contains(messagePart);
    }

    @Test
    void everyDocumentedBetaFlagIsAccepted() {
        ObjectNode body = claude("Hi");
        AnthropicMessagesValidator.BETA_FLAGS.forEach(body.putArray("anthropic_beta")::add);

        JsonNode message = json(invoke(client, CLAUDE, body).body());

        assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void aNovaInvocationAnswersNovasSchemaWithTheSameCountsInItsHeaders() {
        InvokeModelResponse response = invoke(client, NOVA, nova("Be brief.", "Name a colour"));

        JsonNode body = json(response.body());
        assertThat(body.at("/output/message/role").asString()).isEqualTo("assistant");
        assertThat(body.at("/output/message/content/0/text").asString()).isEqualTo("Simulated reply to: Name a colour");
        assertThat(body.path("stopReason").asString()).isEqualTo("end_turn");
        // System and message words: "Be brief." and "Name a colour".
        assertThat(body.at("/usage/inputTokens").asInt()).isEqualTo(5);
        assertThat(body.at("/usage/outputTokens").asInt()).isEqualTo(6);
        assertThat(body.at("/usage/totalTokens").asInt()).isEqualTo(11);
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("5");
        assertThat(header(response, "X-Amzn-Bedrock-Output-Token-Count")).isEqualTo("6");
    }

    @Test
    void aNovaBodyWithoutMessagesIsMalformed() {
        ObjectNode body = nova("Be brief.", "Hi");
        body.remove("messages");

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(NOVA).body(bytes(body))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage()).startsWith("Malformed input request");
    }

    @Test
    void aModelWithoutASimulatedBodySchemaGetsMalformedInputRequest() {
        BedrockRuntimeException failure = failureOf(client.invokeModel(
                b -> b.modelId("meta.llama3-70b-instruct-v1:0").body(bytes(json("{\"prompt\":\"Hi\"}")))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage()).startsWith("Malformed input request");
    }

    @Test
    void aDirectIdThatNeedsAProfileIsRefusedForOnDemandThroughputWhileItsProfileAnswers() {
        String direct = InvokeBodies.CLAUDE_BASE;
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(direct).body(bytes(claude("Hi")))));
        JsonNode healed = json(invoke(client, CLAUDE, claude("Hi")).body());

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo(SimulatorFault.onDemandNotSupported(direct).message())
                .contains("isn\u2019t supported");
        assertThat(healed.at("/content/0/text").asString()).isEqualTo("Simulated reply to: Hi");
    }

    @Test
    void aFaultForOneOperationLeavesTheModelsOtherOperationsAnswering() {
        simulator.failRequestsFor(CLAUDE, SimulatorOperation.INVOKE_MODEL, SimulatorFault.throttling(), 1);

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(CLAUDE).body(bytes(claude("Hi")))));
        ConverseResponse converse =
                client.converse(b -> b.modelId(CLAUDE).messages(user("Hi"))).join();
        JsonNode again = json(invoke(client, CLAUDE, claude("Hi")).body());

        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(converse.output().message().content().get(0).text()).isEqualTo("Simulated reply to: Hi");
        // Limited to one request: the next invocation answers.
        assertThat(again.path("stop_reason").asString()).isEqualTo("end_turn");
    }

    private static String header(InvokeModelResponse response, String name) {
        return response.sdkHttpResponse().firstMatchingHeader(name).orElseThrow();
    }
}
