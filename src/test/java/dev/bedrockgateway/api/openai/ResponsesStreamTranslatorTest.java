package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockDelta;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockStart;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ResponsesStreamTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ResponsesObject created() {
        return new ResponsesObject(
                "resp_1",
                "response",
                1,
                "in_progress",
                null,
                null,
                null,
                null,
                Map.of(),
                "m",
                List.of(),
                true,
                null,
                new ResponsesObject.ReasoningConfig("low", null),
                "default",
                true,
                null,
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.stringNode("auto"),
                JsonNodeFactory.instance.arrayNode(),
                null,
                "disabled",
                null,
                null);
    }

    /** Reasoning, a sentence and a function call, as ConverseStream sends them. */
    private static List<ChatStreamEvent> thinkSpeakAndCall() {
        return List.of(
                new ChatStreamEvent.MessageStart(Role.ASSISTANT),
                new ContentBlockDelta(
                        0,
                        new ContentBlockDelta.Delta(
                                null, null, new ContentBlockDelta.ReasoningDelta("Think.", null, null))),
                new ContentBlockDelta(
                        0,
                        new ContentBlockDelta.Delta(
                                null, null, new ContentBlockDelta.ReasoningDelta(null, "sig", null))),
                new ChatStreamEvent.ContentBlockStop(0),
                new ContentBlockDelta(1, ContentBlockDelta.Delta.text("Let me ")),
                new ContentBlockDelta(1, ContentBlockDelta.Delta.text("check.")),
                new ChatStreamEvent.ContentBlockStop(1),
                new ContentBlockStart(
                        2, new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("call_1", "get_weather"))),
                new ContentBlockDelta(
                        2, new ContentBlockDelta.Delta(null, new ContentBlockDelta.ToolUseDelta("{\"city\":"), null)),
                new ContentBlockDelta(
                        2, new ContentBlockDelta.Delta(null, new ContentBlockDelta.ToolUseDelta("\"Paris\"}"), null)),
                new ChatStreamEvent.ContentBlockStop(2),
                new ChatStreamEvent.MessageStop("tool_use", null),
                new ChatStreamEvent.Metadata(
                        new TokenUsage(10, 20, 30, 4, null), new ChatStreamEvent.Metadata.Metrics(5)));
    }

    @Test
    void eachOutputItemIsAddedStreamedAndDoneInOrderThenTheResponseCompletes() {
        ResponsesStreamTranslator translator = new ResponsesStreamTranslator(created(), JSON);
        List<ObjectNode> events = new ArrayList<>();
        thinkSpeakAndCall().forEach(event -> events.addAll(translator.toEvents(event)));
        events.add(translator.finish());

        assertThat(events)
                .extracting(event -> event.path("type").asString())
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.reasoning_summary_part.added",
                        "response.reasoning_summary_text.delta",
                        "response.reasoning_summary_text.done",
                        "response.reasoning_summary_part.done",
                        "response.output_item.done",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.output_item.added",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.output_item.done",
                        "response.completed");
        assertThat(events)
                .extracting(event -> event.path("sequence_number").asInt())
                .isSorted()
                .doesNotHaveDuplicates();
        JsonNode response = JSON.valueToTree(translator.response());
        assertThat(response.path("output").findValuesAsString("type"))
                .containsExactly("reasoning", "summary_text", "message", "output_text", "function_call");
        assertThat(response.path("output").get(2).path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.path("usage").path("input_tokens").asInt()).isEqualTo(14);
        assertThat(response.path("usage")
                        .path("input_tokens_details")
                        .path("cached_tokens")
                        .asInt())
                .isEqualTo(4);
        assertThat(response.path("usage")
                        .path("output_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void theAnswerToContinueFromKeepsTheReasoningSignatureTextAndCall() {
        ResponsesStreamTranslator translator = new ResponsesStreamTranslator(created(), JSON);
        thinkSpeakAndCall().forEach(translator::toEvents);
        translator.finish();

        JsonNode answer = JSON.valueToTree(translator.answer());
        assertThat(answer.path("content")
                        .get(0)
                        .path("reasoningContent")
                        .path("reasoningText")
                        .path("signature")
                        .asString())
                .isEqualTo("sig");
        assertThat(answer.path("content").get(1).path("text").asString()).isEqualTo("Let me check.");
        assertThat(answer.path("content")
                        .get(2)
                        .path("toolUse")
                        .path("input")
                        .path("city")
                        .asString())
                .isEqualTo("Paris");
    }

    @Test
    void aFailureAfterTheFirstEventIsAnErrorThenAFailedResponse() {
        ResponsesStreamTranslator translator = new ResponsesStreamTranslator(created(), JSON);
        translator.toEvents(new ChatStreamEvent.MessageStart(Role.ASSISTANT));

        List<ObjectNode> events = translator.fail("ThrottlingException", "Too many requests", null);

        assertThat(events)
                .extracting(event -> event.path("type").asString())
                .containsExactly("error", "response.failed");
        JsonNode failed = JSON.readTree(JSON.writeValueAsString(events.get(1)));
        assertThat(failed.path("response").path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("response").path("error").path("code").asString())
                .isEqualTo("ThrottlingException");
    }
}
