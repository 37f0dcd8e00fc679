package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.DataUrls;
import dev.bedrockgateway.media.ImageSource;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI Chat Completions request to core request: golden pairs and a table of refused requests. */
class OpenAiRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Remote URLs refused, as the gateway's default configuration does. */
    private static final ImageSource IMAGES = (url, field) -> {
        if (DataUrls.isDataUrl(url)) {
            return DataUrls.image(url, field);
        }
        throw GatewayException.invalid(field, field + ": remote images are not fetched");
    };

    static List<String> goldenCases() {
        return GoldenFiles.cases("openai", ".openai.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toChatRequestWhenGivenGoldenInputThenProducesGoldenCoreRequest(String name) {
        OpenAiChatRequest input =
                JSON.readValue(GoldenFiles.text("openai/" + name + ".openai.json"), OpenAiChatRequest.class);

        ChatRequest core = OpenAiRequestTranslator.toChatRequest(input, IMAGES, JSON);

        assertThat(GoldenFiles.coreTree(core)).isEqualTo(GoldenFiles.json("openai/" + name + ".core.json"));
    }

    @Test
    void toChatRequestWhenSerialisedWithAPlainMapperThenInferenceConfigHasOnlyItsSettings() {
        OpenAiChatRequest input =
                JSON.readValue(GoldenFiles.text("openai/max-tokens-only.openai.json"), OpenAiChatRequest.class);

        JsonNode core =
                JSON.readTree(JSON.writeValueAsString(OpenAiRequestTranslator.toChatRequest(input, IMAGES, JSON)));

        assertThat(core).isEqualTo(GoldenFiles.json("openai/max-tokens-only.core.json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            n of one                 | {"model":"m","n":1,"messages":[{"role":"user","content":"hi"}]}
            logprobs false           | {"model":"m","logprobs":false,"messages":[{"role":"user","content":"hi"}]}
            text modality            | {"model":"m","modalities":["text"],"messages":[{"role":"user","content":"hi"}]}
            text response format     | {"model":"m","response_format":{"type":"text"},"messages":[{"role":"user","content":"hi"}]}
            harmless extras          | {"model":"m","user":"u-1","seed":7,"presence_penalty":0.1,"frequency_penalty":0.2,"metadata":{"a":"b"},"store":false,"messages":[{"role":"user","content":"hi"}]}
            """)
    void toChatRequestWhenAFieldCannotChangeTheAnswerThenItIsAcceptedAndIgnored(String name, String body) {
        OpenAiChatRequest request = JSON.readValue(body, OpenAiChatRequest.class);

        assertThat(OpenAiRequestTranslator.toChatRequest(request, IMAGES, JSON).messages())
                .as(name)
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no messages              | {"model":"m"}                                                                    | messages
            empty messages           | {"model":"m","messages":[]}                                                      | messages
            null message             | {"model":"m","messages":[null]}                                                  | messages[0]
            missing role             | {"model":"m","messages":[{"content":"hi"}]}                                      | messages[0].role
            empty role               | {"model":"m","messages":[{"role":"","content":"hi"}]}                            | messages[0].role
            unknown role bot         | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"bot","content":"x"}]} | messages[1].role
            tool without call id     | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"42"}]} | messages[1].tool_call_id
            content missing          | {"model":"m","messages":[{"role":"user"}]}                                       | messages[0].content
            content null             | {"model":"m","messages":[{"role":"user","content":null}]}                        | messages[0].content
            content a number         | {"model":"m","messages":[{"role":"user","content":42}]}                          | messages[0].content
            content an object        | {"model":"m","messages":[{"role":"user","content":{"type":"text","text":"x"}}]}  | messages[0].content
            system content missing   | {"model":"m","messages":[{"role":"system"},{"role":"user","content":"hi"}]}      | messages[0].content
            part without type        | {"model":"m","messages":[{"role":"user","content":[{"text":"hi"}]}]}             | messages[0].content[0].type
            part a bare string       | {"model":"m","messages":[{"role":"user","content":["hi"]}]}                      | messages[0].content[0].type
            remote image_url         | {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"https://x"}}]}]} | messages[0].content[1].image_url.url
            part type input_audio    | {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]} | messages[0].content[0].type
            part text not a string   | {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":7}]}]}  | messages[0].content[0].text
            part text missing        | {"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}           | messages[0].content[0].text
            stop as number           | {"model":"m","stop":5,"messages":[{"role":"user","content":"hi"}]}               | stop
            stop list with a number  | {"model":"m","stop":["a",5],"messages":[{"role":"user","content":"hi"}]}         | stop
            only system messages     | {"model":"m","messages":[{"role":"system","content":"be nice"},{"role":"developer","content":"really"}]} | messages
            n greater than one       | {"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]}                  | n
            logprobs                 | {"model":"m","logprobs":true,"messages":[{"role":"user","content":"hi"}]}        | logprobs
            audio output             | {"model":"m","audio":{"voice":"alloy","format":"wav"},"messages":[{"role":"user","content":"hi"}]} | audio
            audio modality           | {"model":"m","modalities":["text","audio"],"messages":[{"role":"user","content":"hi"}]} | modalities
            tool name with spaces    | {"model":"m","tools":[{"type":"function","function":{"name":"f g"}}],"messages":[{"role":"user","content":"hi"}]} | tools[0].function.name
            legacy functions         | {"model":"m","functions":[{"name":"f"}],"messages":[{"role":"user","content":"hi"}]} | functions
            json response format     | {"model":"m","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"hi"}]} | response_format
            """)
    void toChatRequestWhenRequestIsInvalidThenRefusesWithTheOffendingParam(String name, String body, String param) {
        OpenAiChatRequest request = JSON.readValue(body, OpenAiChatRequest.class);

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> OpenAiRequestTranslator.toChatRequest(request, IMAGES, JSON));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isNotBlank().doesNotContain("dev.bedrockgateway", "java.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown role names the role      | {"model":"m","messages":[{"role":"bot","content":"x"}]}                     | messages[0].role 'bot' is not supported; use system, developer, user, assistant or tool
            unsupported part names the type  | {"model":"m","messages":[{"role":"user","content":[{"type":"video"}]}]}     | messages[0].content[0].type 'video' is not supported; use text, image_url or file
            only system asks for a user turn | {"model":"m","messages":[{"role":"system","content":"x"}]}                  | messages must contain at least one non-empty user message
            """)
    void toChatRequestWhenRequestIsInvalidThenTheMessageSaysWhatToFix(String name, String body, String message) {
        OpenAiChatRequest request = JSON.readValue(body, OpenAiChatRequest.class);

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> OpenAiRequestTranslator.toChatRequest(request, IMAGES, JSON));

        assertThat(error).as(name).isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
    }
}
