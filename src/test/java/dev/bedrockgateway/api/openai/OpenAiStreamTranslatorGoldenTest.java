package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole core stream to the exact OpenAI chunk list. Each case is {@code <name>.core-stream.json}, the
 * events as Bedrock's union members in stream order (the shape {@code /v1/chat} streams them in), and
 * {@code <name>.openai-chunks.json}, every chunk the caller gets before {@code [DONE]}. All cases ask for
 * the usage chunk.
 */
class OpenAiStreamTranslatorGoldenTest {

    private static final String ID = "chatcmpl-golden";
    private static final long CREATED = 1_700_000_000L;
    private static final String MODEL = "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As the application configures it (spring.jackson.default-property-inclusion: non_null). */
    private static final JsonMapper APP_JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final Map<String, Class<? extends ChatStreamEvent>> EVENT_TYPES = Map.of(
            "messageStart", ChatStreamEvent.MessageStart.class,
            "contentBlockStart", ChatStreamEvent.ContentBlockStart.class,
            "contentBlockDelta", ChatStreamEvent.ContentBlockDelta.class,
            "contentBlockStop", ChatStreamEvent.ContentBlockStop.class,
            "messageStop", ChatStreamEvent.MessageStop.class,
            "metadata", ChatStreamEvent.Metadata.class);

    static List<String> goldenCases() {
        return GoldenFiles.cases("openai-stream", ".core-stream.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toChunksWhenGivenAGoldenStreamThenProducesExactlyTheGoldenChunks(String name) {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(ID, CREATED, MODEL, true);

        List<OpenAiChatCompletionChunk> chunks = events(name).stream()
                .flatMap(event -> translator.toChunks(event).stream())
                .toList();

        JsonNode expected = GoldenFiles.json("openai-stream/" + name + ".openai-chunks.json");
        assertThat(JSON.readTree(JSON.writeValueAsString(chunks))).isEqualTo(expected);
        assertThat(JSON.readTree(APP_JSON.writeValueAsString(chunks))).isEqualTo(expected);
    }

    private static List<ChatStreamEvent> events(String name) {
        return GoldenFiles.json("openai-stream/" + name + ".core-stream.json")
                .valueStream()
                .map(OpenAiStreamTranslatorGoldenTest::event)
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
