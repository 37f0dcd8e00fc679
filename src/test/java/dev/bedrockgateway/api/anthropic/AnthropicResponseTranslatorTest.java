package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Core response to Anthropic Messages response: stop reasons, IDs and golden bodies. */
class AnthropicResponseTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As the application configures it (spring.jackson.default-property-inclusion: non_null). */
    static final JsonMapper APP_JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final String ID = "msg_0123456789abcdef0123456789abcdef";
    private static final String REQUESTED_MODEL = "nova-pro";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            end_turn,                      end_turn
            tool_use,                      tool_use
            max_tokens,                    max_tokens
            stop_sequence,                 stop_sequence
            guardrail_intervened,          refusal
            content_filtered,              refusal
            model_context_window_exceeded, model_context_window_exceeded
            some_future_reason,            end_turn
            '',                            end_turn
            """)
    void toMessageWhenBedrockStopsForAReasonThenStopReasonIsItsAnthropicEquivalent(
            String converseReason, String anthropicReason) {
        ChatResponse response = new ChatResponse(
                "us.amazon.nova-pro-v1:0",
                new Message(Role.ASSISTANT, List.of(ContentBlock.text("x"))),
                converseReason,
                new TokenUsage(1, 1, 2, null, null),
                5,
                null);

        assertThat(AnthropicResponseTranslator.toMessage(response, REQUESTED_MODEL, ID)
                        .stopReason())
                .isEqualTo(anthropicReason);
    }

    static List<String> goldenCases() {
        return GoldenFiles.cases("anthropic", ".core-response.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toMessageWhenGivenGoldenResponseThenWritesGoldenMessageWithNullKeysKept(String name) {
        ChatResponse response =
                JSON.readValue(GoldenFiles.text("anthropic/" + name + ".core-response.json"), ChatResponse.class);

        AnthropicMessage message = AnthropicResponseTranslator.toMessage(response, REQUESTED_MODEL, ID);

        JsonNode expected = GoldenFiles.json("anthropic/" + name + ".anthropic-response.json");
        assertThat(JSON.readTree(JSON.writeValueAsString(message))).isEqualTo(expected);
        assertThat(JSON.readTree(APP_JSON.writeValueAsString(message))).isEqualTo(expected);
    }

    @Test
    void newMessageIdWhenCalledTwiceThenGivesTwoIdsInAnthropicsForm() {
        String first = AnthropicResponseTranslator.newMessageId();
        String second = AnthropicResponseTranslator.newMessageId();

        assertThat(first).matches("msg_[0-9a-f]{32}");
        assertThat(second).matches("msg_[0-9a-f]{32}").isNotEqualTo(first);
    }
}
