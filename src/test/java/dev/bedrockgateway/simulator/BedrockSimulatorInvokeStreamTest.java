package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.InvokeBodies.CLAUDE;
import static dev.bedrockgateway.simulator.InvokeBodies.NOVA;
import static dev.bedrockgateway.simulator.InvokeBodies.claude;
import static dev.bedrockgateway.simulator.InvokeBodies.invoke;
import static dev.bedrockgateway.simulator.InvokeBodies.json;
import static dev.bedrockgateway.simulator.InvokeBodies.nova;
import static dev.bedrockgateway.simulator.InvokeBodies.stream;
import static dev.bedrockgateway.simulator.InvokeBodies.streamed;
import static dev.bedrockgateway.simulator.InvokeBodies.weatherTool;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** InvokeModelWithResponseStream for Claude and Nova through the real AWS SDK client, faults included. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorInvokeStreamTest {

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorInvokeStreamTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void aClaudeStreamSendsAnthropicsEventsInOrderAndReassemblesToTheInvokedMessage() {
        ObjectNode body = claude("Name three rivers");
        JsonNode invoked = json(invoke(client, CLAUDE, body).body());

        InvokeBodies.Streamed streamed = stream(client, CLAUDE, body);
        streamed.call().join();
        List<JsonNode> events = streamed.events();

        assertThat(types(events))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        JsonNode start = events.get(0).path("message");
        assertThat(start.path("id").asString()).startsWith("msg_bdrk_01");
        assertThat(start.path("model").asString())
                .isEqualTo(invoked.path("model").asString());
        assertThat(start.path("content")).isEmpty();
        assertThat(start.at("/usage/input_tokens").asInt())
                .isEqualTo(invoked.at("/usage/input_tokens").asInt());
        assertThat(start.at("/usage/output_tokens").asInt()).isEqualTo(1);
        assertThat(events.get(1).path("content_block")).isEqualTo(json("{\"type\":\"text\",\"text\":\"\"}"));
        assertThat(deltas(events, 0, "text"))
                .isEqualTo(invoked.at("/content/0/text").asString());
        JsonNode delta = events.get(9);
        assertThat(delta.at("/delta/stop_reason").asString()).isEqualTo("end_turn");
        assertThat(delta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(delta.at("/usage/output_tokens").asInt())
                .isEqualTo(invoked.at("/usage/output_tokens").asInt());
        assertThat(streamed.response().get().contentType()).isEqualTo("application/json");
        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModelWithResponseStream");
    }

    @Test
    void onlyTheLastChunkCarriesBedrocksInvocationMetrics() {
        ObjectNode body = claude("Count the stars");
        JsonNode usage = json(invoke(client, CLAUDE, body).body()).path("usage");

        List<JsonNode> events = streamed(client, CLAUDE, body);

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("message_stop");
        JsonNode metrics = last.path("amazon-bedrock-invocationMetrics");
        assertThat(metrics.path("inputTokenCount").asInt())
                .isEqualTo(usage.path("input_tokens").asInt());
        assertThat(metrics.path("outputTokenCount").asInt())
                .isEqualTo(usage.path("output_tokens").asInt());
        assertThat(metrics.path("invocationLatency").isIntegralNumber()).isTrue();
        assertThat(metrics.path("firstByteLatency").asLong())
                .isBetween(0L, metrics.path("invocationLatency").asLong());
        assertThat(metrics.has("cacheReadInputTokenCount")).isFalse();
        assertThat(events.subList(0, events.size() - 1))
                .noneMatch(event -> event.has("amazon-bedrock-invocationMetrics"));
    }

    @Test
    void streamedThinkingAndToolInputReassembleToTheInvokedBlocksAndCacheCountsReachTheMetrics() {
        ObjectNode body = claude("weather city=Oslo please").put("max_tokens", 4096);
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
        body.putArray("tools").add(weatherTool().set("cache_control", json("{\"type\":\"ephemeral\"}")));
        JsonNode invoked = json(invoke(client, CLAUDE, body).body());

        List<JsonNode> events = streamed(client, CLAUDE, body);

        assertThat(events.stream()
                        .filter(e -> "content_block_start".equals(e.path("type").asString()))
                        .map(e -> e.at("/content_block/type").asString()))
                .containsExactly("thinking", "text", "tool_use");
        assertThat(deltas(events, 0, "thinking"))
                .isEqualTo(invoked.at("/content/0/thinking").asString());
        assertThat(deltas(events, 0, "signature"))
                .isEqualTo(invoked.at("/content/0/signature").asString());
        assertThat(deltas(events, 1, "text")).isEqualTo("Calling weather.");
        JsonNode toolStart = events.stream()
                .filter(e -> e.at("/content_block/type").asString("").equals("tool_use"))
                .findFirst()
                .orElseThrow();
        assertThat(toolStart.at("/content_block/id").asString())
                .isEqualTo(invoked.at("/content/2/id").asString());
        assertThat(toolStart.at("/content_block/input")).isEmpty();
        assertThat(json(deltas(events, 2, "partial_json"))).isEqualTo(invoked.at("/content/2/input"));
        JsonNode messageDelta = events.get(events.size() - 2);
        assertThat(messageDelta.at("/delta/stop_reason").asString()).isEqualTo("tool_use");
        // The invocation above wrote the tools to the cache; the stream reads them.
        JsonNode metrics = events.get(events.size() - 1).path("amazon-bedrock-invocationMetrics");
        assertThat(metrics.path("cacheReadInputTokenCount").asInt())
                .isEqualTo(invoked.at("/usage/cache_creation_input_tokens").asInt())
                .isPositive();
        assertThat(metrics.path("cacheWriteInputTokenCount").asInt()).isZero();
    }

    @Test
    void aNovaStreamWrapsEachEventUnderItsNameAndEndsWithUsageAndMetrics() {
        ObjectNode body = nova("Be brief.", "Name a colour");
        JsonNode invoked = json(invoke(client, NOVA, body).body());

        List<JsonNode> events = streamed(client, NOVA, body);

        assertThat(events)
                .extracting(event -> String.join(",", event.propertyNames()))
                .containsExactly(
                        "messageStart",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockStop",
                        "messageStop",
                        "metadata,amazon-bedrock-invocationMetrics");
        assertThat(events.get(0).at("/messageStart/role").asString()).isEqualTo("assistant");
        assertThat(events.stream()
                        .map(e -> e.at("/contentBlockDelta/delta/text").asString(""))
                        .collect(Collectors.joining()))
                .isEqualTo(invoked.at("/output/message/content/0/text").asString());
        assertThat(events.get(8).at("/messageStop/stopReason").asString()).isEqualTo("end_turn");
        JsonNode last = events.get(9);
        assertThat(last.at("/metadata/usage/inputTokens").asInt())
                .isEqualTo(invoked.at("/usage/inputTokens").asInt());
        assertThat(last.at("/metadata/usage/outputTokens").asInt())
                .isEqualTo(invoked.at("/usage/outputTokens").asInt());
        assertThat(last.at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt())
                .isEqualTo(invoked.at("/usage/outputTokens").asInt());
    }

    @Test
    void aFaultBeforeTheStreamIsAnHttpErrorAndNoEventArrives() {
        simulator.failRequestsFor(CLAUDE, SimulatorFault.throttling());

        InvokeBodies.Streamed streamed = stream(client, CLAUDE, claude("Hi"));
        BedrockRuntimeException failure = failureOf(streamed.call());

        assertThat(failure).isInstanceOf(ThrottlingException.class);
        assertThat(failure.statusCode()).isEqualTo(429);
        assertThat(streamed.events()).isEmpty();
    }

    @Test
    void aDirectIdThatNeedsAProfileIsRefusedBeforeTheStreamStarts() {
        String direct = InvokeBodies.CLAUDE_BASE;
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        InvokeBodies.Streamed streamed = stream(client, direct, claude("Hi"));
        BedrockRuntimeException failure = failureOf(streamed.call());

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage()).contains("with on-demand throughput isn\u2019t supported");
        assertThat(streamed.events()).isEmpty();
        assertThat(streamed(client, CLAUDE, claude("Hi"))).isNotEmpty();
    }

    @Test
    void anInvalidBodyIsRefusedBeforeTheStreamStarts() {
        ObjectNode body = claude("Hi").put("stream", true);

        BedrockRuntimeException failure = failureOf(stream(client, CLAUDE, body).call());

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage()).contains("extraneous key [stream] is not permitted");
    }

    static Stream<Arguments> midStreamFaults() {
        return Stream.of(
                Arguments.of(SimulatorFault.modelStreamError("The model stopped"), ModelStreamErrorException.class),
                Arguments.of(SimulatorFault.throttling(), ThrottlingException.class),
                Arguments.of(SimulatorFault.internalServer("oops"), InternalServerException.class),
                Arguments.of(SimulatorFault.serviceUnavailable("down"), ServiceUnavailableException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("midStreamFaults")
    void aMidStreamFaultEndsTheStreamAfterTheScriptedDeltasWithTheMatchingException(
            SimulatorFault fault, Class<? extends BedrockRuntimeException> expected) {
        simulator.failStreamsFor(CLAUDE, 2, fault);

        InvokeBodies.Streamed streamed = stream(client, CLAUDE, claude("one two three four five"));
        BedrockRuntimeException failure = failureOf(streamed.call());

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.getMessage()).contains(fault.message());
        assertThat(types(streamed.events()))
                .containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_delta");
        assertThat(streamed.response().get()).isNotNull();
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asString()).toList();
    }

    /** The given delta field of every content_block_delta of one block, joined. */
    private static String deltas(List<JsonNode> events, int index, String field) {
        return events.stream()
                .filter(e -> "content_block_delta".equals(e.path("type").asString()))
                .filter(e -> e.path("index").asInt() == index)
                .map(e -> e.path("delta").path(field).asString(""))
                .collect(Collectors.joining());
    }
}
