package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Converse-style bodies (Bedrock wire and {@code /v1/chat}) to core request. */
class ConverseRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH_MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String USER_HI = "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]";

    static List<String> wireCases() {
        return GoldenFiles.cases("converse", ".wire.json");
    }

    static List<String> chatCases() {
        return GoldenFiles.cases("converse", ".chat.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCases")
    void fromWireWhenGivenGoldenBodyThenProducesGoldenCoreRequestWithThePathModel(String name) {
        ChatRequest core = ConverseRequestTranslator.fromWire(
                PATH_MODEL, GoldenFiles.json("converse/" + name + ".wire.json"), JSON);

        assertThat(tree(core)).isEqualTo(GoldenFiles.json("converse/" + name + ".core.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatCases")
    void fromChatWhenGivenGoldenBodyThenProducesGoldenCoreRequestWithTheBodyModel(String name) {
        ChatRequest core =
                ConverseRequestTranslator.fromChat(GoldenFiles.json("converse/" + name + ".chat.json"), JSON);

        assertThat(tree(core)).isEqualTo(GoldenFiles.json("converse/" + name + ".core.json"));
    }

    @Test
    void fromWireWhenModelSpecificFieldsArePresentThenTheyArePassedThroughAsTheSameTree() {
        JsonNode body = GoldenFiles.json("converse/wire-full.wire.json");

        ChatRequest core = ConverseRequestTranslator.fromWire(PATH_MODEL, body, JSON);

        assertThat(core.additionalModelRequestFields()).isEqualTo(body.get("additionalModelRequestFields"));
        assertThat(core.additionalModelRequestFields().get("huge").bigIntegerValue())
                .hasToString("123456789012345678901234567890");
        assertThat(core.additionalModelRequestFields().path("flags").get(2).isNull())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            wire refuses modelId         | {"modelId":"m",MSGS}                                   | modelId
            wire refuses stream          | {"stream":false,MSGS}                                  | stream
            wire refuses unknown key     | {"guardrailConfig":{},MSGS}                            | guardrailConfig
            no messages                  | {"system":[{"text":"x"}]}                              | messages
            empty messages               | {"messages":[]}                                        | messages
            content missing              | {"messages":[{"role":"user"}]}                         | messages[0].content
            content null                 | {"messages":[{"role":"user","content":null}]}          | messages[0].content
            block with two members       | {"messages":[{"role":"user","content":[{"text":"a","image":{}}]}]} | messages[0].content[0]
            block with no member         | {"messages":[{"role":"user","content":[{"text":"a"},{}]}]} | messages[0].content[1]
            block a bare string          | {"messages":[{"role":"user","content":["hi"]}]}        | messages[0].content[0]
            block member video           | {"messages":[{"role":"user","content":[{"video":{"format":"mp4","source":{"bytes":"AA=="}}}]}]} | messages[0].content[0]
            later block guardContent     | {MSGS_PREFIX,{"role":"assistant","content":[{"guardContent":{}}]}]} | messages[1].content[0]
            system block two members     | {"system":[{"text":"a","cachePoint":{}}],MSGS}         | system[0]
            system member guardContent   | {"system":[{"guardContent":{}}],MSGS}                  | system[0]
            """)
    void fromWireWhenBodyIsInvalidThenRefusesWithTheOffendingParam(String name, String body, String param) {
        GatewayException error = invalid(() -> ConverseRequestTranslator.fromWire(PATH_MODEL, json(body), JSON));

        assertThat(error.param()).as(name).isEqualTo(param);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown key                  | {"modelId":"m","model":"m",MSGS}                       | model
            no messages                  | {"modelId":"m"}                                        | messages
            block member video           | {"modelId":"m","messages":[{"role":"user","content":[{"video":{}}]}]} | messages[0].content[0]
            """)
    void fromChatWhenBodyIsInvalidThenRefusesWithTheOffendingParam(String name, String body, String param) {
        GatewayException error = invalid(() -> ConverseRequestTranslator.fromChat(json(body), JSON));

        assertThat(error.param()).as(name).isEqualTo(param);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null"})
    void fromWireWhenBodyIsNotAnObjectThenRefusesTheWholeBody(String body) {
        GatewayException error = invalid(() -> ConverseRequestTranslator.fromWire(PATH_MODEL, json(body), JSON));

        assertThat(error.param()).isNull();
        assertThat(error.getMessage()).isEqualTo("The request body must be a JSON object");
    }

    @Test
    void fromWireWhenABlockHasAnUnsupportedMemberThenTheMessageNamesItAndTheAlternative() {
        GatewayException error = invalid(() -> ConverseRequestTranslator.fromWire(
                PATH_MODEL, json("{\"messages\":[{\"role\":\"user\",\"content\":[{\"video\":{}}]}]}"), JSON));

        assertThat(error.getMessage())
                .isEqualTo("messages[0].content[0] member 'video' is not supported; use text, "
                        + "image, document, toolUse, toolResult, reasoningContent, cachePoint");
    }

    @Test
    void fromWireWhenAKeyIsExtraneousThenTheMessageNamesItAsBedrockDoes() {
        GatewayException error = invalid(() ->
                ConverseRequestTranslator.fromWire(PATH_MODEL, json("{\"modelId\":\"m\"," + USER_HI + "}"), JSON));

        assertThat(error.getMessage()).isEqualTo("extraneous key [modelId] is not permitted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            messages a string              | {"messages":"hi"}
            role unknown                   | {"messages":[{"role":"bot","content":[{"text":"hi"}]}]}
            content a string               | {"messages":[{"role":"user","content":"hi"}]}
            text a list                    | {"messages":[{"role":"user","content":[{"text":["hi"]}]}]}
            maxTokens not a number         | {"inferenceConfig":{"maxTokens":"lots"},MSGS}
            inferenceConfig a string       | {"inferenceConfig":"hot",MSGS}
            requestMetadata value a list   | {"requestMetadata":{"k":["v"]},MSGS}
            responseFieldPaths a string    | {"additionalModelResponseFieldPaths":"/x",MSGS}
            """)
    void fromWireWhenAFieldHasTheWrongTypeThenItIsRefusedAsAClientError(String name, String body) {
        Throwable error = catchThrowable(() -> ConverseRequestTranslator.fromWire(PATH_MODEL, json(body), JSON));

        assertThat(error)
                .as(name)
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(JacksonException.class),
                        e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        GatewayException.class,
                                        gateway -> assertThat(gateway.kind()).isEqualTo(ErrorKind.INVALID_REQUEST)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            messages an object   | {"messages":{"role":"user","content":[{"text":"hi"}]}}
            content an object    | {"messages":[{"role":"user","content":{"text":"hi"}}]}
            system an object     | {"system":{"text":"x"},MSGS}
            """)
    void fromWireWhenAnObjectStandsWhereAListBelongsThenTheCallerGetsA400(String name, String body) {
        Throwable error = catchThrowable(() -> ConverseRequestTranslator.fromWire(PATH_MODEL, json(body), JSON));

        assertThat(error)
                .as(name)
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(JacksonException.class),
                        e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        GatewayException.class,
                                        gateway -> assertThat(gateway.kind()).isEqualTo(ErrorKind.INVALID_REQUEST)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown inferenceConfig key  | {"inferenceConfig":{"maxTokens":5,"topK":5},MSGS}
            inferenceConfig key empty    | {"inferenceConfig":{"empty":true},MSGS}
            unknown message key          | {"messages":[{"role":"user","content":[{"text":"hi"}],"cachePoint":{}}]}
            """)
    void fromWireWhenANestedKeyIsUnknownThenItIsRefused(String name, String body) {
        Throwable error = catchThrowable(() -> ConverseRequestTranslator.fromWire(PATH_MODEL, json(body), JSON));

        assertThat(error)
                .as(name)
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(JacksonException.class),
                        e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        GatewayException.class,
                                        gateway -> assertThat(gateway.kind()).isEqualTo(ErrorKind.INVALID_REQUEST)));
    }

    private static GatewayException invalid(ThrowingCallable call) {
        Throwable error = catchThrowable(call);
        assertThat(error).isInstanceOf(GatewayException.class);
        GatewayException gateway = (GatewayException) error;
        assertThat(gateway.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        return gateway;
    }

    private static JsonNode json(String body) {
        return JSON.readTree(
                body.replace("MSGS_PREFIX", "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}")
                        .replace("MSGS", USER_HI));
    }

    private static JsonNode tree(ChatRequest core) {
        return GoldenFiles.coreTree(core);
    }
}
