package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.DataUrls;
import dev.bedrockgateway.media.ImageSource;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Responses API request to core request: golden pairs and a table of refused requests. */
class ResponsesRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ImageSource IMAGES = (url, field) -> {
        if (DataUrls.isDataUrl(url)) {
            return DataUrls.image(url, field);
        }
        throw GatewayException.invalid(field, field + ": remote images are not fetched");
    };

    static List<String> goldenCases() {
        return GoldenFiles.cases("responses", ".responses.json");
    }

    private static ChatRequest translate(String body, List<Message> earlier) {
        return ResponsesRequestTranslator.toChatRequest(
                JSON.readValue(body, ResponsesRequest.class), earlier, IMAGES, JSON);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void aGoldenRequestBecomesItsGoldenCoreRequest(String name) {
        ChatRequest core = translate(GoldenFiles.text("responses/" + name + ".responses.json"), List.of());

        assertThat(GoldenFiles.coreTree(core)).isEqualTo(GoldenFiles.json("responses/" + name + ".core.json"));
    }

    @Test
    void theTurnsOfTheResponseItContinuesComeFirst() {
        List<Message> earlier = List.of(
                new Message(Role.USER, List.of(ContentBlock.text("Name a colour."))),
                new Message(Role.ASSISTANT, List.of(ContentBlock.text("Blue."))));

        ChatRequest core = translate("{\"model\":\"m\",\"input\":\"Another?\"}", earlier);

        assertThat(core.messages()).hasSize(3);
        assertThat(core.messages().get(2).text()).isEqualTo("Another?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            web search            | `{"model":"m","input":"hi","tools":[{"type":"web_search_preview"}]}`   | tools[0].type
            file search           | `{"model":"m","input":"hi","tools":[{"type":"file_search"}]}`          | tools[0].type
            code interpreter      | `{"model":"m","input":"hi","tools":[{"type":"code_interpreter"}]}`     | tools[0].type
            computer use          | `{"model":"m","input":"hi","tools":[{"type":"computer_use_preview"}]}` | tools[0].type
            background            | `{"model":"m","input":"hi","background":true}`                          | background
            several answers       | `{"model":"m","input":"hi","n":3}`                                      | n
            json schema           | `{"model":"m","input":"hi","text":{"format":{"type":"json_schema"}}}`   | text.format
            conversations api     | `{"model":"m","input":"hi","conversation":"conv_1"}`                    | conversation
            no input              | `{"model":"m","input":[]}`                                               | input
            an item reference     | `{"model":"m","input":[{"type":"item_reference","id":"x"}]}`            | input[0].type
            a file by URL         | `{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_url":"https://x/y.pdf"}]}]}` | input[0].content[0].file_url
            a call without its id | `{"model":"m","input":[{"type":"function_call_output","output":"x"}]}`  | input[0].call_id
            tools as an object    | `{"model":"m","input":"hi","tools":{"type":"function"}}`               | tools
            a tool that is a text | `{"model":"m","input":"hi","tools":["get_weather"]}`                    | tools[0].type
            a function without a name | `{"model":"m","input":"hi","tools":[{"type":"function"}]}`          | tools[0].function.name
            an item that is a number  | `{"model":"m","input":[42]}`                                        | input[0].type
            a part that is a text     | `{"model":"m","input":[{"role":"user","content":["hi"]}]}`          | input[0].content[0].type
            input an object           | `{"model":"m","input":{"role":"user"}}`                             | input
            """)
    void whatTheGatewayCannotHonourIsRefusedByName(String name, String body, String param) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> translate(body, List.of()));

        assertThat(error).as(name).isNotNull();
        assertThat(error.param()).isEqualTo(param);
    }
}
