package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.ToolConfig;
import dev.bedrockgateway.chat.ToolResultBlock;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.ImageSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI function calling to Converse: what is refused (and how the message says to fix it), and tool-call IDs. */
class OpenAiToolTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ImageSource NO_IMAGES = (url, field) -> {
        throw GatewayException.invalid(field, "no images in these tests");
    };
    private static final String ASK = "{\"role\":\"user\",\"content\":\"hi\"}";
    private static final String TIME_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}";

    private static ChatRequest translate(String body) {
        return OpenAiRequestTranslator.toChatRequest(JSON.readValue(body, OpenAiChatRequest.class), NO_IMAGES, JSON);
    }

    /** A conversation in which the assistant called {@code f} with the given arguments and a tool answered. */
    private static String calledWith(String argumentsJsonString) {
        return "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"messages\":[" + ASK
                + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":" + argumentsJsonString + "}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"}]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            tool type retrieval          | {"model":"m","tools":[{"type":"retrieval","function":{"name":"f"}}],"messages":[{"role":"user","content":"hi"}]} | tools[0].type | tools[0].type must be 'function'
            tool null                    | {"model":"m","tools":[null],"messages":[{"role":"user","content":"hi"}]} | tools[0].type | tools[0].type must be 'function'
            name with a dot              | {"model":"m","tools":[{"type":"function","function":{"name":"get.weather"}}],"messages":[{"role":"user","content":"hi"}]} | tools[0].function.name | tools[0].function.name must be 1-64 letters, digits, underscores or hyphens
            name of 65 characters        | {"model":"m","tools":[{"type":"function","function":{"name":"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm"}}],"messages":[{"role":"user","content":"hi"}]} | tools[0].function.name | tools[0].function.name must be 1-64 letters, digits, underscores or hyphens
            name missing on second tool  | {"model":"m","tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"description":"d"}}],"messages":[{"role":"user","content":"hi"}]} | tools[1].function.name | tools[1].function.name must be 1-64 letters, digits, underscores or hyphens
            function missing             | {"model":"m","tools":[{"type":"function"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].function.name | tools[0].function.name must be 1-64 letters, digits, underscores or hyphens
            parameters of type array     | {"model":"m","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"array","items":{}}}}],"messages":[{"role":"user","content":"hi"}]} | tools[0].function.parameters | tools[0].function.parameters must be a JSON schema of type object
            tool_choice unknown function | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"get_time"}},"messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice names function 'get_time', which is not among the tools
            tool_choice required no tools| {"model":"m","tool_choice":"required","messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice needs tools
            tool_choice named no tools   | {"model":"m","tool_choice":{"type":"function","function":{"name":"f"}},"messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice needs tools
            tool_choice any              | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"any","messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice 'any' is not supported; use auto, none, required or {"type":"function","function":{"name":...}}
            tool_choice without name     | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function"},"messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice must be auto, none, required or {"type":"function","function":{"name":...}}
            tool_choice of another type  | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"file_search"},"messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice must be auto, none, required or {"type":"function","function":{"name":...}}
            tool call without id         | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]} | messages[1].tool_calls[0] | messages[1].tool_calls[0] needs id and function.name
            tool call without name       | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"arguments":"{}"}}]}]} | messages[1].tool_calls[0] | messages[1].tool_calls[0] needs id and function.name
            tool message without call id | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"42"}]} | messages[1].tool_call_id | messages[1].tool_call_id is required for role tool
            tool message blank call id   | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","tool_call_id":" ","content":"42"}]} | messages[1].tool_call_id | messages[1].tool_call_id is required for role tool
            tool message with an image   | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","tool_call_id":"c1","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}]} | messages[1].content[0].type | messages[1].content[0].type 'image_url' is not supported here; use text
            """)
    void toChatRequestWhenFunctionCallingIsMalformedThenRefusesTheParamWithAMessageSayingWhatToFix(
            String name, String body, String param, String message) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> translate(body));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "arguments {0}")
    @ValueSource(strings = {"\"{city:\"", "\"[1,2]\"", "\"\\\"Paris\\\"\"", "\"42\"", "\"{\\\"a\\\":1} trailing\""})
    void toChatRequestWhenToolCallArgumentsAreNotAJsonObjectThenRefusesThem(String arguments) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> translate(calledWith(arguments)));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo("messages[1].tool_calls[0].function.arguments");
        assertThat(error.getMessage())
                .isEqualTo("messages[1].tool_calls[0].function.arguments must be a JSON object in a string");
    }

    @ParameterizedTest(name = "arguments {0}")
    @ValueSource(strings = {"\"\"", "\"  \"", "null"})
    void toChatRequestWhenToolCallArgumentsAreEmptyThenTheInputIsAnEmptyObject(String arguments) {
        ChatRequest request = translate(calledWith(arguments));

        assertThat(request.messages().get(1).content())
                .singleElement()
                .satisfies(block -> assertThat(block.toolUse().input()).isEqualTo(JSON.readTree("{}")));
    }

    @ParameterizedTest(name = "parameters {0}")
    @ValueSource(strings = {"\"object\"", "42", "true", "[]"})
    void toChatRequestWhenParametersIsNotAnObjectThenRefusesItInsteadOfDroppingIt(String parameters) {
        String body = "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                + parameters + "}}],\"messages\":[" + ASK + "]}";

        GatewayException error = catchThrowableOfType(GatewayException.class, () -> translate(body));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo("tools[0].function.parameters");
    }

    @ParameterizedTest(name = "tool_choice {0}")
    @ValueSource(strings = {"\"auto\"", "\"none\"", "null"})
    void toChatRequestWhenToolChoiceNeedsNoToolsAndThereAreNoneThenThereIsNoToolConfig(String choice) {
        ChatRequest request = translate("{\"model\":\"m\",\"tool_choice\":" + choice + ",\"messages\":[" + ASK + "]}");

        assertThat(request.toolConfig()).isNull();
    }

    @Test
    void toChatRequestWhenToolChoiceIsNoneButTheConversationHoldsToolCallsThenToolsStayAndTheModelChooses() {
        String body = calledWith("\"{}\"").replace("\"tools\":", "\"tool_choice\":\"none\",\"tools\":");

        ToolConfig config = translate(body).toolConfig();

        assertThat(config).isNotNull();
        assertThat(config.tools()).extracting(tool -> tool.toolSpec().name()).containsExactly("f");
        assertThat(config.toolChoice()).isEqualTo(ToolConfig.ToolChoice.automatic());
    }

    @Test
    void toChatRequestWhenToolChoiceIsUnsetThenToolsAreSentWithAutomaticChoice() {
        ToolConfig config = translate("{\"model\":\"m\",\"tools\":[" + TIME_TOOL + "],\"messages\":[" + ASK + "]}")
                .toolConfig();

        assertThat(config).isNotNull();
        assertThat(config.toolChoice()).isEqualTo(ToolConfig.ToolChoice.automatic());
    }

    @Test
    void toChatRequestWhenAToolHasBlankDescriptionStrictFlagAndSchemaWithoutTypeThenTheyAreDroppedIgnoredAndKept() {
        String body =
                "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\" \","
                        + "\"strict\":true,\"parameters\":{\"properties\":{\"q\":{\"type\":\"string\"}}}}}],\"tool_choice\":\"auto\","
                        + "\"messages\":[" + ASK + "]}";

        ToolConfig.ToolSpec spec = translate(body).toolConfig().tools().get(0).toolSpec();

        assertThat(spec.description()).isNull();
        assertThat(spec.inputSchema().json())
                .isEqualTo(JSON.readTree("{\"properties\":{\"q\":{\"type\":\"string\"}}}"));
    }

    @Test
    void toChatRequestWhenAToolAnswersWithBlankTextThenTheResultSaysNoOutput() {
        String body = calledWith("\"{}\"").replace("\"content\":\"ok\"", "\"content\":\"\"");

        Message results = translate(body).messages().get(2);

        assertThat(results.content())
                .singleElement()
                .satisfies(block -> assertThat(block.toolResult().content())
                        .containsExactly(ToolResultBlock.Content.text("(no output)")));
    }

    @Test
    void toolUseIdWhenTheIdIsAlreadyValidThenItIsKept() {
        assertThat(OpenAiToolTranslator.toolUseId("call_AbC-123_x")).isEqualTo("call_AbC-123_x");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            functions.get_weather:0         | functions_get_weather_0_
            id with spaces/and+slashes      | id_with_spaces_and_slashes_
            toolu_01ÄÖü                     | toolu_01____
            """)
    void toolUseIdWhenTheIdHasCharactersBedrockRefusesThenEachBecomesAnUnderscoreAndAHashFollows(
            String id, String expectedStart) {
        assertThat(OpenAiToolTranslator.toolUseId(id))
                .startsWith(expectedStart)
                .matches("[a-zA-Z0-9_-]{1,64}")
                .hasSize(expectedStart.length() + 12);
    }

    @Test
    void toolUseIdWhenTwoIdsDifferOnlyWhereTheyAreRewrittenThenTheyStayApart() {
        assertThat(OpenAiToolTranslator.toolUseId("a.b")).isNotEqualTo(OpenAiToolTranslator.toolUseId("a:b"));
        assertThat(OpenAiToolTranslator.toolUseId("x".repeat(70) + "1"))
                .isNotEqualTo(OpenAiToolTranslator.toolUseId("x".repeat(70) + "2"));
    }

    @Test
    void toolUseIdWhenTheIdIsLongerThan64CharactersThenTheResultFitsIn64() {
        assertThat(OpenAiToolTranslator.toolUseId("x".repeat(80))).hasSize(64).startsWith("x".repeat(51) + "_");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "functions.get_time:0",
                "call/7+8=15?",
                "call_0123456789012345678901234567890123456789012345678901234567890123456789"
            })
    void toChatRequestWhenCallIdsNeedCleaningThenTheCallAndItsResultStillPair(String id) {
        String body = "{\"model\":\"m\",\"tools\":[" + TIME_TOOL + "],\"messages\":[" + ASK
                + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id
                + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"14:05\"},"
                + "{\"role\":\"user\",\"content\":\"thanks\"}]}";

        List<Message> messages = translate(body).messages();

        String cleaned = OpenAiToolTranslator.toolUseId(id);
        assertThat(cleaned).matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(messages.get(1).content())
                .singleElement()
                .satisfies(block -> assertThat(block.toolUse().toolUseId()).isEqualTo(cleaned));
        assertThat(messages.get(2).content())
                .extracting(ContentBlock::toolResult)
                .first()
                .satisfies(result -> assertThat(result.toolUseId()).isEqualTo(cleaned));
        assertThat(messages.get(2).content().get(1)).isEqualTo(ContentBlock.text("thanks"));
    }
}
