package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A whole core stream to the exact list of Anthropic events. Each case is {@code <name>.core-stream.json}, the
 * events as Bedrock's union members in stream order, and {@code <name>.anthropic-events.json}, every event the
 * caller gets as {@code {"event": name, "data": payload}}, including what {@code finish()} adds when the stream
 * completes.
 */
class AnthropicStreamTranslatorTest {

    private static final String ID = "msg_golden";
    private static final String MODEL = "nova-pro";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Class<? extends ChatStreamEvent>> EVENT_TYPES = Map.of(
            "messageStart", ChatStreamEvent.MessageStart.class,
            "contentBlockStart", ChatStreamEvent.ContentBlockStart.class,
            "contentBlockDelta", ChatStreamEvent.ContentBlockDelta.class,
            "contentBlockStop", ChatStreamEvent.ContentBlockStop.class,
            "messageStop", ChatStreamEvent.MessageStop.class,
            "metadata", ChatStreamEvent.Metadata.class);

    static List<String> goldenCases() {
        return GoldenFiles.cases("anthropic-stream", ".core-stream.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void translateWhenGivenAGoldenStreamThenProducesExactlyTheGoldenEvents(String name) {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(ID, MODEL);

        List<AnthropicStreamEvent> events = new ArrayList<>();
        events(name).forEach(event -> events.addAll(translator.translate(event)));
        events.addAll(translator.finish());

        JsonNode expected = GoldenFiles.json("anthropic-stream/" + name + ".anthropic-events.json");
        assertThat(sse(events, JSON)).isEqualTo(expected);
        assertThat(sse(events, AnthropicResponseTranslatorTest.APP_JSON)).isEqualTo(expected);
    }

    @Test
    void finishWhenNothingCameThenStillSendsAWholeEmptyMessage() {
        List<AnthropicStreamEvent> events = new AnthropicStreamTranslator(ID, MODEL).finish();

        assertThat(events)
                .extracting(AnthropicStreamEvent::type)
                .containsExactly("message_start", "message_delta", "message_stop");
        assertThat(((AnthropicStreamEvent.MessageDelta) events.get(1)).delta().stopReason())
                .isEqualTo("end_turn");
    }

    @Test
    void translateWhenTheMessageHasEndedThenLaterEventsAndFinishAddNothing() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(ID, MODEL);
        translator.translate(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        translator.translate(new ChatStreamEvent.MessageStop("end_turn", null));
        translator.translate(new ChatStreamEvent.Metadata(
                new TokenUsage(1, 1, 2, null, null), new ChatStreamEvent.Metadata.Metrics(3)));

        assertThat(translator.translate(
                        new ChatStreamEvent.ContentBlockDelta(0, ChatStreamEvent.ContentBlockDelta.Delta.text("late"))))
                .isEmpty();
        assertThat(translator.finish()).isEmpty();
    }

    @Test
    void translateWhenToolInputArrivesWithoutItsStartThenItIsDropped() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(ID, MODEL);
        translator.translate(new ChatStreamEvent.MessageStart(Role.ASSISTANT));

        List<AnthropicStreamEvent> events = translator.translate(new ChatStreamEvent.ContentBlockDelta(
                0,
                new ChatStreamEvent.ContentBlockDelta.Delta(
                        null, new ChatStreamEvent.ContentBlockDelta.ToolUseDelta("{}"), null)));

        assertThat(events).isEmpty();
    }

    @Test
    void errorWhenAStreamFailsThenThePayloadIsAnAnthropicErrorEvent() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(ID, MODEL);
        GatewayException failure =
                new GatewayException(ErrorKind.RATE_LIMITED, "Too many tokens", null, "ThrottlingException");

        AnthropicError error = translator.error(failure);

        assertThat(error.type()).isEqualTo("error");
        assertThat(JSON.readTree(JSON.writeValueAsString(error)))
                .isEqualTo(
                        JSON.readTree(
                                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many tokens\"}}"));
    }

    /** The events as the SSE stream carries them: the event name beside the payload, written by {@code mapper}. */
    private static JsonNode sse(List<AnthropicStreamEvent> events, JsonMapper mapper) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (AnthropicStreamEvent event : events) {
            out.addObject().put("event", event.type()).set("data", JSON.readTree(mapper.writeValueAsString(event)));
        }
        return out;
    }

    private static List<ChatStreamEvent> events(String name) {
        return GoldenFiles.json("anthropic-stream/" + name + ".core-stream.json")
                .valueStream()
                .map(AnthropicStreamTranslatorTest::event)
                .toList();
    }

    /** One union member, e.g. {@code {"contentBlockDelta":{...}}}, as its core event. */
    private static ChatStreamEvent event(JsonNode union) {
        String type = union.propertyNames().iterator().next();
        Class<? extends ChatStreamEvent> eventClass = EVENT_TYPES.get(type);
        assertThat(eventClass).as("event type %s", type).isNotNull();
        return JSON.treeToValue(union.get(type), eventClass);
    }
}
