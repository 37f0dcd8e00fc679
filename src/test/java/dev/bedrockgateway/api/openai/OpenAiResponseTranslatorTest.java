package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Core response to OpenAI {@code chat.completion}: finish reasons and golden completion bodies. */
class OpenAiResponseTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As the application configures it (spring.jackson.default-property-inclusion: non_null). */
    private static final JsonMapper APP_JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final String REQUESTED_MODEL = "bedrock/us.amazon.nova-lite-v1:0";
    private static final String ID = "chatcmpl-0123456789abcdef";
    private static final long CREATED = 1_700_000_000L;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            end_turn,                      stop
            stop_sequence,                 stop
            max_tokens,                    length
            tool_use,                      tool_calls
            content_filtered,              content_filter
            guardrail_intervened,          content_filter
            model_context_window_exceeded, length
            some_future_reason,            stop
            '',                            stop
            """)
    void toCompletionWhenBedrockStopsForAReasonThenFinishReasonIsItsOpenAiEquivalent(
            String stopReason, String finishReason) {
        ChatResponse response = new ChatResponse(
                "us.amazon.nova-lite-v1:0",
                new Message(Role.ASSISTANT, List.of(ContentBlock.text("x"))),
                stopReason,
                new TokenUsage(1, 1, 2, null, null),
                5,
                null);

        OpenAiChatCompletion completion = OpenAiResponseTranslator.toCompletion(response, REQUESTED_MODEL, ID, CREATED);

        assertThat(completion.choices())
                .singleElement()
                .extracting(OpenAiChatCompletion.Choice::finishReason)
                .isEqualTo(finishReason);
    }

    static List<String> goldenCases() {
        return GoldenFiles.cases("openai", ".core-response.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toCompletionWhenGivenGoldenResponseThenWritesGoldenCompletionWithNullKeysKept(String name) {
        ChatResponse response =
                JSON.readValue(GoldenFiles.text("openai/" + name + ".core-response.json"), ChatResponse.class);

        OpenAiChatCompletion completion = OpenAiResponseTranslator.toCompletion(response, REQUESTED_MODEL, ID, CREATED);

        JsonNode expected = GoldenFiles.json("openai/" + name + ".openai-response.json");
        assertThat(JSON.readTree(JSON.writeValueAsString(completion))).isEqualTo(expected);
        assertThat(JSON.readTree(APP_JSON.writeValueAsString(completion))).isEqualTo(expected);
    }
}
