package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockDelta;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockStart;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;
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

    private static final ChatStreamEvent.Metadata METADATA = new ChatStreamEvent.Metadata(
            new TokenUsage(4, 5, 9, null, null), new ChatStreamEvent.Metadata.Metrics(12));

    static Stream<Arguments> eventsAndTheirChunks() {
        return Stream.of(
                Arguments.of("messageStart", new ChatStreamEvent.MessageStart(Role.ASSISTANT), true, """
                        [{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"""),
                Arguments.of("text delta", new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Hello ")), true, """
                        [{"index":0,"delta":{"content":"Hello "},"finish_reason":null}]"""),
                Arguments.of("messageStop end_turn", new ChatStreamEvent.MessageStop("end_turn", null), true, """
                        [{"index":0,"delta":{},"finish_reason":"stop"}]"""),
                Arguments.of("metadata with include_usage", METADATA, true, "[]"),
                Arguments.of("tool call start", new ContentBlockStart(0,
                        new ContentBlockStart.Start(new ContentBlockStart.ToolUseStart("tool-1", "lookup"))), false, """
                        [{"index":0,"delta":{"tool_calls":[{"index":0,"id":"tool-1","type":"function",
                        "function":{"name":"lookup","arguments":""}}]},"finish_reason":null}]"""),
                Arguments.of("reasoning text", new ContentBlockDelta(0, new ContentBlockDelta.Delta(null, null,
                        new ContentBlockDelta.ReasoningDelta("thinking", null, null))), false, """
                        [{"index":0,"delta":{"reasoning_content":"thinking"},"finish_reason":null}]"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsAndTheirChunks")
    void toChunksWhenAnEventProducesOneChunkThenItCarriesTheExpectedChoices(String name, ChatStreamEvent event,
            boolean includeUsage, String expectedChoices) {
        List<OpenAiChatCompletionChunk> chunks = new OpenAiStreamTranslator(ID, CREATED, MODEL, includeUsage).toChunks(event);

        assertThat(chunks).hasSize(1);
        JsonNode chunk = JSON.valueToTree(chunks.get(0));
        assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("choices")).isEqualTo(JSON.readTree(expectedChoices));
    }

    static Stream<Arguments> eventsWithoutChunks() {
        return Stream.of(
                Arguments.of("metadata without include_usage", METADATA),
                Arguments.of("tool-use delta without its start", new ContentBlockDelta(0,
                        new ContentBlockDelta.Delta(null, new ContentBlockDelta.ToolUseDelta("{\"q\":"), null))),
                Arguments.of("reasoning signature", new ContentBlockDelta(0, new ContentBlockDelta.Delta(null, null,
                        new ContentBlockDelta.ReasoningDelta(null, "sig", null)))),
                Arguments.of("contentBlockStop of a text block", new ChatStreamEvent.ContentBlockStop(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsWithoutChunks")
    void toChunksWhenTheEventHasNoOpenAiCounterpartThenReturnsNoChunk(String name, ChatStreamEvent event) {
        assertThat(new OpenAiStreamTranslator(ID, CREATED, MODEL, false).toChunks(event)).isEmpty();
    }

    @Test
    void toChunksWhenMetadataArrivesAndUsageIsRequestedThenReturnsAUsageChunkWithNoChoices() {
        List<OpenAiChatCompletionChunk> chunks = new OpenAiStreamTranslator(ID, CREATED, MODEL, true).toChunks(METADATA);

        JsonNode chunk = JSON.valueToTree(chunks.get(0));
        assertThat(chunk.path("choices").isArray()).isTrue();
        assertThat(chunk.path("choices")).isEmpty();
        assertThat(chunk.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":4,"completion_tokens":5,"total_tokens":9}"""));
    }

    @Test
    void toChunksWhenUsageIsNotAUsageChunkThenTheUsageKeyIsAbsent() {
        JsonNode chunk = JSON.valueToTree(new OpenAiStreamTranslator(ID, CREATED, MODEL, true).toChunks(new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Hi"))).get(0));

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
            "some_future_reason, stop"})
    void toChunksWhenMessageStopsThenFinishReasonIsMapped(String stopReason, String finishReason) {
        List<OpenAiChatCompletionChunk> chunks = new OpenAiStreamTranslator(ID, CREATED, MODEL, false).toChunks(new ChatStreamEvent.MessageStop(stopReason, null));

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

        List<OpenAiChatCompletionChunk> chunks = stream.stream()
                .flatMap(event -> new OpenAiStreamTranslator(ID, CREATED, MODEL, true).toChunks(event).stream())
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
}
