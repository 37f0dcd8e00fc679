package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.BedrockSimulatorConverseTest.user;
import static dev.bedrockgateway.simulator.InvokeBodies.CLAUDE;
import static dev.bedrockgateway.simulator.InvokeBodies.CLAUDE_BASE;
import static dev.bedrockgateway.simulator.InvokeBodies.bytes;
import static dev.bedrockgateway.simulator.InvokeBodies.claude;
import static dev.bedrockgateway.simulator.InvokeBodies.invoke;
import static dev.bedrockgateway.simulator.InvokeBodies.json;
import static dev.bedrockgateway.simulator.InvokeBodies.weatherTool;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensResponse;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** CountTokens through the real AWS SDK client: counts that agree with invocations, and its refusals. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorCountTokensTest {

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorCountTokensTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void theCountOfAnInvokeModelBodyIsTheInputTokensItsInvocationReports() {
        ObjectNode body = claude("Which regions does the eu geography cover?");
        body.put("system", "Answer like a travel agent");
        body.putArray("tools").add(weatherTool());

        CountTokensResponse counted = countInvokeBody(CLAUDE_BASE, body).join();
        JsonNode invoked = json(invoke(client, CLAUDE, body).body());

        assertThat(counted.inputTokens())
                .isEqualTo(invoked.at("/usage/input_tokens").asInt());
        // System (5), the weather tool's name and description (4) and the question (7).
        assertThat(counted.inputTokens()).isEqualTo(16);
        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModel");
        assertThat(simulator.received().get(0).operationName()).isEqualTo("CountTokens");
        assertThat(simulator.received().get(0).operation()).isEqualTo("count-tokens");
    }

    @Test
    void theCountOfACachedBodyIsTheWholeInputWhetherTheInvocationWroteOrReadTheCache() {
        ObjectNode body = claude("Summarise the policy");
        body.putArray("system")
                .addObject()
                .put("type", "text")
                .put("text", "You are a careful assistant")
                .putObject("cache_control")
                .put("type", "ephemeral");

        int counted = countInvokeBody(CLAUDE_BASE, body).join().inputTokens();
        JsonNode written = json(invoke(client, CLAUDE, body).body()).path("usage");
        JsonNode read = json(invoke(client, CLAUDE, body).body()).path("usage");

        assertThat(counted)
                .isEqualTo(written.path("input_tokens").asInt()
                        + written.path("cache_creation_input_tokens").asInt())
                .isEqualTo(read.path("input_tokens").asInt()
                        + read.path("cache_read_input_tokens").asInt());
        assertThat(read.path("cache_read_input_tokens").asInt()).isPositive();
    }

    @Test
    void theCountOfAConverseInputIsTheInputTokensOfThatConverseCall() {
        SystemContentBlock system = SystemContentBlock.fromText("Answer in French");
        CountTokensResponse counted = client.countTokens(b -> b.modelId(CLAUDE_BASE)
                        .input(input -> input.converse(
                                converse -> converse.system(system).messages(user("Where is the Louvre?")))))
                .join();
        ConverseResponse conversed = client.converse(
                        b -> b.modelId(CLAUDE).system(system).messages(user("Where is the Louvre?")))
                .join();

        assertThat(counted.inputTokens())
                .isEqualTo(conversed.usage().inputTokens())
                .isEqualTo(7);
    }

    @Test
    void anInvokeModelBodyAndTheSameConverseInputCountAlike() {
        int invokeCount =
                countInvokeBody(CLAUDE_BASE, claude("Three words here")).join().inputTokens();
        int converseCount = client.countTokens(b -> b.modelId(CLAUDE_BASE)
                        .input(input -> input.converse(converse -> converse.messages(user("Three words here")))))
                .join()
                .inputTokens();

        assertThat(invokeCount).isEqualTo(converseCount).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                CLAUDE,
                "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
            })
    void aProfileIdOrAnArnIsAnInvalidModelIdentifier(String modelId) {
        BedrockRuntimeException failure = failureOf(countInvokeBody(modelId, claude("Hi")));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.awsErrorDetails().errorMessage()).isEqualTo("The provided model identifier is invalid.");
    }

    @Test
    void aModelOtherThanClaudeDoesNotSupportCountingTokens() {
        BedrockRuntimeException failure = failureOf(client.countTokens(b -> b.modelId("amazon.nova-lite-v1:0")
                .input(input -> input.converse(converse -> converse.messages(user("Hi"))))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("The provided model doesn't support counting tokens.");
    }

    @Test
    void anInvokeModelBodyInvokeModelWouldRefuseIsRefusedHereToo() {
        BedrockRuntimeException failure =
                failureOf(countInvokeBody(CLAUDE_BASE, claude("Hi").put("model", "claude")));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage()).contains("extraneous key [model] is not permitted");
    }

    @Test
    void theOnDemandRefusalOfADirectIdDoesNotApplyToCountingButOtherFaultsDo() {
        simulator.failRequestsFor(CLAUDE_BASE, SimulatorFault.onDemandNotSupported(CLAUDE_BASE));

        int counted = countInvokeBody(CLAUDE_BASE, claude("Hi")).join().inputTokens();
        simulator.failRequestsFor(CLAUDE_BASE, SimulatorFault.throttling());
        BedrockRuntimeException throttled = failureOf(countInvokeBody(CLAUDE_BASE, claude("Hi")));

        assertThat(counted).isEqualTo(1);
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
    }

    private CompletableFuture<CountTokensResponse> countInvokeBody(String modelId, JsonNode body) {
        return client.countTokens(b ->
                b.modelId(modelId).input(input -> input.invokeModel(invoke -> invoke.body(bytes(body)))));
    }
}
