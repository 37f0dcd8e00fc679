package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockDelta;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockStart;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockStop;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiStreamTranslatorTest {

    private static final String ID = "chatcmpl-abc";
    private static final long CREATED = 1_700_000_000L;
    private static final String MODEL = "bedrock/us.amazon.nova-lite-v1:0";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ChatStreamEvent.Metadata METADATA =
            new ChatStreamEvent.Metadata(new TokenUsage(4, 5, 9, null, null), new ChatStreamEvent.Metadata.Metrics(12));

    static Stream<Arguments> eventsAndTheirChunks() {
        return Stream.of(
                Arguments.of("messageStart", new ChatStreamEvent.MessageStart(Role.ASSISTANT), true, """
                        [{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"""),
                Arguments.of("text delta", new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Hello ")), true, """
                        [{"index":0,"delta":{"content":"Hello "},"finish_reason":null}]"""),
                Arguments.of("messageStop end_turn", new ChatStreamEvent.MessageStop("end_turn", null), true, """
                        [{"index":0,"delta":{},"finish_reason":"stop"}]"""),
                Arguments.of("metadata with include_usage", METADATA, true, "[]"),
                Arguments.of(
                        "tool call start",
                        new ContentBlockStart(
                                0, new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tool-1", "lookup"))),
                        false,
                        """
                        [{"index":0,"delta":{"tool_calls":[{"index":0,"id":"tool-1","type":"function",
                        "function":{"name":"lookup","arguments":""}}]},"finish_reason":null}]"""),
                Arguments.of(
                        "reasoning text",
                        new ContentBlockDelta(
                                0,
                                new ContentBlockDelta.Delta(
                                        null, null, new ContentBlockDelta.ReasoningDelta("thinking", null, null))),
                        false,
                        """
                        [{"index":0,"delta":{"reasoning_content":"thinking"},"finish_reason":null}]"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsAndTheirChunks")
    void toChunksWhenAnEventProducesOneChunkThenItCarriesTheExpectedChoices(
            String name, ChatStreamEvent event, boolean includeUsage, String expectedChoices) {
        List<OpenAiChatCompletionChunk> chunks =
                new OpenAiStreamTranslator(ID, CREATED, MODEL, includeUsage).toChunks(event);

        assertThat(chunks).hasSize(1);
        JsonNode chunk = JSON.valueToTree(chunks.get(0));
        assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("choices")).isEqualTo(JSON.readTree(expectedChoices));
    }

    static Stream<Arguments> eventsWithoutChunks() {
        return Stream.of(
                Arguments.of("metadata without include_usage", METADATA),
                Arguments.of(
                        "tool-use delta without its start",
                        new ContentBlockDelta(
                                0,
                                new ContentBlockDelta.Delta(
                                        null, new ContentBlockDelta.ToolUseDelta("{\"q\":"), null))),
                Arguments.of(
                        "reasoning signature",
                        new ContentBlockDelta(
                                0,
                                new ContentBlockDelta.Delta(
                                        null, null, new ContentBlockDelta.ReasoningDelta(null, "sig", null)))),
                Arguments.of("contentBlockStop of a text block", new ChatStreamEvent.ContentBlockStop(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsWithoutChunks")
    void toChunksWhenTheEventHasNoOpenAiCounterpartThenReturnsNoChunk(String name, ChatStreamEvent event) {
        assertThat(new OpenAiStreamTranslator(ID, CREATED, MODEL, false).toChunks(event))
                .isEmpty();
    }

    @Test
    void toChunksWhenMetadataArrivesAndUsageIsRequestedThenReturnsAUsageChunkWithNoChoices() {
        List<OpenAiChatCompletionChunk> chunks =
                new OpenAiStreamTranslator(ID, CREATED, MODEL, true).toChunks(METADATA);

        JsonNode chunk = JSON.valueToTree(chunks.get(0));
        assertThat(chunk.path("choices").isArray()).isTrue();
        assertThat(chunk.path("choices")).isEmpty();
        assertThat(chunk.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":4,"completion_tokens":5,"total_tokens":9}"""));
    }

    @Test
    void toChunksWhenUsageIsNotAUsageChunkThenTheUsageKeyIsAbsent() {
        JsonNode chunk = JSON.valueToTree(new OpenAiStreamTranslator(ID, CREATED, MODEL, true)
                .toChunks(new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Hi")))
                .get(0));

        assertThat(chunk.has("usage")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "content_filtered, content_filter",
        "guardrail_intervened, content_filter",
        "some_future_reason, stop"
    })
    void toChunksWhenMessageStopsThenFinishReasonIsMapped(String stopReason, String finishReason) {
        List<OpenAiChatCompletionChunk> chunks = new OpenAiStreamTranslator(ID, CREATED, MODEL, false)
                .toChunks(new ChatStreamEvent.MessageStop(stopReason, null));

        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.choices()).singleElement().satisfies(choice -> {
                assertThat(choice.finishReason()).isEqualTo(finishReason);
                assertThat(choice.delta().content()).isNull();
                assertThat(choice.delta().role()).isNull();
            });
        });
    }

    @Test
    void toChunksWhenAWholeStreamIsTranslatedThenEveryChunkSharesIdCreatedAndModel() {
        List<ChatStreamEvent> stream = List.of(
                new ChatStreamEvent.MessageStart(Role.ASSISTANT),
                new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Simulated ")),
                new ContentBlockDelta(0, ContentBlockDelta.Delta.text("reply")),
                new ChatStreamEvent.ContentBlockStop(0),
                new ChatStreamEvent.MessageStop("end_turn", null),
                METADATA);

        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(ID, CREATED, MODEL, true);
        List<OpenAiChatCompletionChunk> chunks = stream.stream()
                .flatMap(event -> translator.toChunks(event).stream())
                .toList();

        assertThat(chunks).hasSize(5);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.id()).isEqualTo(ID);
            assertThat(chunk.created()).isEqualTo(CREATED);
            assertThat(chunk.model()).isEqualTo(MODEL);
            assertThat(chunk.object()).isEqualTo("chat.completion.chunk");
        });
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(chunks.stream().skip(1).flatMap(chunk -> chunk.choices().stream()))
                .allSatisfy(choice -> assertThat(choice.delta().role()).isNull());
        assertThat(chunks.get(4).usage()).isNotNull();
    }

    /** Text, then two calls in one turn: the first with its arguments in pieces, the second with none. */
    private static final List<ChatStreamEvent> TEXT_THEN_TWO_TOOL_CALLS = List.of(
            new ChatStreamEvent.MessageStart(Role.ASSISTANT),
            new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Let me check.")),
            new ContentBlockStop(0),
            new ContentBlockStart(
                    1,
                    new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tooluse_weather", "get_weather"))),
            toolInput(1, "{\"city\":"),
            toolInput(1, "\"Paris\",\"days\":"),
            toolInput(1, "[1,2]}"),
            new ContentBlockStop(1),
            new ContentBlockStart(
                    2, new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tooluse_time", "get_time"))),
            new ContentBlockStop(2),
            new ChatStreamEvent.MessageStop("tool_use", null),
            new ChatStreamEvent.Metadata(
                    new TokenUsage(12, 30, 162, 100, 20), new ChatStreamEvent.Metadata.Metrics(80)));

    private static ContentBlockDelta toolInput(int block, String piece) {
        return new ContentBlockDelta(
                block, new ContentBlockDelta.Delta(null, new ContentBlockDelta.ToolUseDelta(piece), null));
    }

    private static List<JsonNode> translate(List<ChatStreamEvent> events) {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(ID, CREATED, MODEL, true);
        return events.stream()
                .flatMap(event -> translator.toChunks(event).stream())
                .map(chunk -> (JsonNode) JSON.valueToTree(chunk))
                .toList();
    }

    private static List<JsonNode> toolCallDeltas(List<JsonNode> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.path("choices").valueStream())
                .flatMap(choice -> choice.path("delta").path("tool_calls").valueStream())
                .toList();
    }

    @Test
    void toChunksWhenATurnMakesTwoToolCallsThenEachGetsItsOwnIndexWithIdAndNameOnlyInItsFirstDelta() {
        List<JsonNode> calls = toolCallDeltas(translate(TEXT_THEN_TWO_TOOL_CALLS));

        assertThat(calls).extracting(call -> call.path("index").asInt()).containsExactly(0, 0, 0, 0, 1, 1);
        assertThat(calls.get(0)).isEqualTo(JSON.readTree("""
                {"index":0,"id":"tooluse_weather","type":"function","function":{"name":"get_weather","arguments":""}}"""));
        assertThat(calls.get(4)).isEqualTo(JSON.readTree("""
                {"index":1,"id":"tooluse_time","type":"function","function":{"name":"get_time","arguments":""}}"""));
        assertThat(List.of(calls.get(1), calls.get(2), calls.get(3), calls.get(5)))
                .allSatisfy(call -> {
                    assertThat(call.has("id")).isFalse();
                    assertThat(call.has("type")).isFalse();
                    assertThat(call.path("function").has("name")).isFalse();
                });
    }

    @Test
    void
            toChunksWhenArgumentPiecesAreConcatenatedPerIndexThenEachCallHasExactJsonAndTheArgumentlessOneHasEmptyObject() {
        Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
        for (JsonNode call : toolCallDeltas(translate(TEXT_THEN_TWO_TOOL_CALLS))) {
            arguments
                    .computeIfAbsent(call.path("index").asInt(), index -> new StringBuilder())
                    .append(call.path("function").path("arguments").asString(""));
        }

        assertThat(arguments).hasSize(2);
        assertThat(arguments.get(0)).hasToString("{\"city\":\"Paris\",\"days\":[1,2]}");
        assertThat(JSON.readTree(arguments.get(0).toString()))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"days\":[1,2]}"));
        assertThat(arguments.get(1)).hasToString("{}");
    }

    @Test
    void toChunksWhenAStreamHasTextAndToolCallsThenTextComesFirstAndItFinishesWithToolCallsAndCacheAwareUsage() {
        List<JsonNode> chunks = translate(TEXT_THEN_TWO_TOOL_CALLS);

        assertThat(chunks)
                .extracting(chunk -> chunk.path("choices")
                        .path(0)
                        .path("delta")
                        .path("content")
                        .asString(null))
                .containsSubsequence("", "Let me check.");
        assertThat(chunks)
                .filteredOn(chunk ->
                        chunk.path("choices").path(0).path("finish_reason").isString())
                .singleElement()
                .satisfies(chunk -> assertThat(chunk.path("choices")
                                .path(0)
                                .path("finish_reason")
                                .asString())
                        .isEqualTo("tool_calls"));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":132,"completion_tokens":30,"total_tokens":162,
                 "prompt_tokens_details":{"cached_tokens":100}}"""));
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.path("id").asString()).isEqualTo(ID));
    }

    @Test
    void toChunksWhenACallGetsOnlyAnEmptyArgumentDeltaThenTheDeltaIsSkippedAndItsStopSendsEmptyObject() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(ID, CREATED, MODEL, false);
        translator.toChunks(new ContentBlockStart(
                3, new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tooluse_1", "lookup"))));

        assertThat(translator.toChunks(toolInput(3, ""))).isEmpty();
        List<OpenAiChatCompletionChunk> stop = translator.toChunks(new ContentBlockStop(3));

        assertThat(stop)
                .singleElement()
                .satisfies(chunk -> assertThat(chunk.choices().get(0).delta().toolCalls())
                        .containsExactly(
                                new OpenAiToolCall(0, null, null, new OpenAiToolCall.FunctionCall(null, "{}"))));
    }

    @Test
    void toChunksWhenACallGotArgumentsThenItsStopSendsNothing() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(ID, CREATED, MODEL, false);
        translator.toChunks(new ContentBlockStart(
                0, new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tooluse_1", "lookup"))));
        translator.toChunks(toolInput(0, "{\"q\":1}"));

        assertThat(translator.toChunks(new ContentBlockStop(0))).isEmpty();
    }
}
