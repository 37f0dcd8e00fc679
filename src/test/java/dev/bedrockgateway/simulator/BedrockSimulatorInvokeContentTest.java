package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.InvokeBodies.CLAUDE;
import static dev.bedrockgateway.simulator.InvokeBodies.bytes;
import static dev.bedrockgateway.simulator.InvokeBodies.claude;
import static dev.bedrockgateway.simulator.InvokeBodies.invoke;
import static dev.bedrockgateway.simulator.InvokeBodies.json;
import static dev.bedrockgateway.simulator.InvokeBodies.userText;
import static dev.bedrockgateway.simulator.InvokeBodies.weatherTool;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** InvokeModel for Claude with tools, extended thinking and prompt caching, through the real AWS SDK client. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorInvokeContentTest {

    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorInvokeContentTest(BedrockRuntimeAsyncClient client) {
        this.client = client;
    }

    @Test
    void aToolNamedInTheQuestionIsCalledAndItsResultIsAnswered() {
        ObjectNode ask = claude("What is the weather in city=Rome for days=3?");
        ask.putArray("tools").add(weatherTool());

        JsonNode call = json(invoke(client, CLAUDE, ask).body());

        assertThat(call.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(call.at("/content/0/text").asString()).isEqualTo("Calling weather.");
        JsonNode toolUse = call.at("/content/1");
        assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asString()).matches("toolu_bdrk_01[A-Za-z0-9_-]{22}");
        assertThat(toolUse.path("name").asString()).isEqualTo("weather");
        assertThat(toolUse.path("input")).isEqualTo(json("{\"city\":\"Rome\",\"days\":3}"));

        ObjectNode answer = ask.deepCopy();
        ArrayNode messages = (ArrayNode) answer.get("messages");
        messages.addObject().put("role", "assistant").set("content", call.path("content"));
        ObjectNode result =
                messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", toolUse.path("id").asString());
        result.put("content", "18 degrees and sunny");

        JsonNode reply = json(invoke(client, CLAUDE, answer).body());

        assertThat(reply.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(reply.at("/content/0/text").asString())
                .isEqualTo(
                        "Simulated reply to tool results: " + toolUse.path("id").asString() + "=18 degrees and sunny");
    }

    @Test
    void aToolResultThatAnswersNoToolUseOfThePreviousTurnIsRefused() {
        ObjectNode body = claude("Hi");
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "assistant").put("content", "Hello");
        messages.addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("type", "tool_result")
                .put("tool_use_id", "toolu_bdrk_01unknown")
                .put("content", "x");

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(CLAUDE).body(bytes(body))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .startsWith("messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: "
                        + "toolu_bdrk_01unknown.");
    }

    @Test
    void aForcedToolIsCalledUnmentionedAndToolChoiceNoneCallsNothing() {
        ObjectNode forced = claude("Hello there");
        forced.putArray("tools").add(weatherTool());
        forced.putObject("tool_choice").put("type", "tool").put("name", "weather");
        ObjectNode none = claude("What is the weather?");
        none.putArray("tools").add(weatherTool());
        none.putObject("tool_choice").put("type", "none");

        JsonNode called = json(invoke(client, CLAUDE, forced).body());
        JsonNode notCalled = json(invoke(client, CLAUDE, none).body());

        assertThat(called.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(called.at("/content/1/name").asString()).isEqualTo("weather");
        assertThat(notCalled.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(notCalled.path("content")).hasSize(1);
    }

    @Test
    void thinkingComesFirstWithASignatureThatIsAcceptedWhenSentBackUnchanged() {
        ObjectNode ask = thinking(claude("Why is the sky blue?"));

        JsonNode first = json(invoke(client, CLAUDE, ask).body());

        JsonNode thinking = first.at("/content/0");
        assertThat(thinking.path("type").asString()).isEqualTo("thinking");
        assertThat(thinking.path("thinking").asString()).isEqualTo("Simulated reasoning about: Why is the sky blue?");
        assertThat(thinking.path("signature").asString()).isNotBlank();
        assertThat(first.at("/content/1/type").asString()).isEqualTo("text");

        JsonNode second = json(
                invoke(client, CLAUDE, followUp(ask, first.path("content"))).body());

        assertThat(second.at("/content/1/text").asString()).isEqualTo("Simulated reply to: And at sunset?");
    }

    @Test
    void thinkingWhoseTextWasAlteredIsRefusedAsAnInvalidSignature() {
        ObjectNode ask = thinking(claude("Why is the sky blue?"));
        JsonNode content =
                json(invoke(client, CLAUDE, ask).body()).path("content").deepCopy();
        ((ObjectNode) content.get(0)).put("thinking", "Something Claude never thought.");

        BedrockRuntimeException failure =
                failureOf(client.invokeModel(b -> b.modelId(CLAUDE).body(bytes(followUp(ask, content)))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block");
    }

    @Test
    void aCachedSystemPromptIsWrittenOnceAndReadByTheNextInvocation() {
        ObjectNode body = claude("Summarise the policy");
        body.putArray("system")
                .addObject()
                .put("type", "text")
                .put("text", "You are a careful assistant who answers in one sentence")
                .putObject("cache_control")
                .put("type", "ephemeral");

        InvokeModelResponse first = invoke(client, CLAUDE, body);
        InvokeModelResponse second = invoke(client, CLAUDE, body);
        ObjectNode otherSystem = body.deepCopy();
        ((ObjectNode) otherSystem.at("/system/0")).put("text", "You are terse");
        InvokeModelResponse third = invoke(client, CLAUDE, otherSystem);

        JsonNode written = json(first.body()).path("usage");
        assertThat(written.path("cache_creation_input_tokens").asInt()).isEqualTo(10);
        assertThat(written.path("cache_read_input_tokens").asInt()).isZero();
        assertThat(written.path("input_tokens").asInt()).isEqualTo(3);
        assertThat(header(first, "X-Amzn-Bedrock-Cache-Write-Input-Token-Count"))
                .isEqualTo("10");
        assertThat(first.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Cache-Read-Input-Token-Count"))
                .isEmpty();
        JsonNode read = json(second.body()).path("usage");
        assertThat(read.path("cache_read_input_tokens").asInt()).isEqualTo(10);
        assertThat(read.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(read.path("input_tokens").asInt()).isEqualTo(3);
        assertThat(header(second, "X-Amzn-Bedrock-Cache-Read-Input-Token-Count"))
                .isEqualTo("10");
        assertThat(json(third.body()).at("/usage/cache_creation_input_tokens").asInt())
                .isEqualTo(3);
    }

    @Test
    void aCacheBreakpointOnAMessageCachesEverythingUpToIt() {
        ObjectNode body = claude("first question here");
        ((ObjectNode) body.at("/messages/0/content/0"))
                .putObject("cache_control")
                .put("type", "ephemeral");
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "assistant").put("content", "an answer");
        userText(messages, "second");

        invoke(client, CLAUDE, body);
        JsonNode usage = json(invoke(client, CLAUDE, body).body()).path("usage");

        // Cached: the first question (3 words); not cached: the answer (2) and the second question (1).
        assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
    }

    private static ObjectNode thinking(ObjectNode body) {
        body.put("max_tokens", 4096);
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048);
        return body;
    }

    /** The question, the assistant's content as given, and a follow-up question. */
    private static ObjectNode followUp(ObjectNode ask, JsonNode assistantContent) {
        ObjectNode next = ask.deepCopy();
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.addObject().put("role", "assistant").set("content", assistantContent);
        userText(messages, "And at sunset?");
        return next;
    }

    private static String header(InvokeModelResponse response, String name) {
        return response.sdkHttpResponse().firstMatchingHeader(name).orElseThrow();
    }
}
