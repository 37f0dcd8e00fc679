package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertAnthropicError;
import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins the error contract for requests the gateway must refuse itself: each answer has the right status
 * and the caller's error format, and Bedrock never hears of the request.
 */
@GatewayIntegrationTest
class ClientErrorContractIntegrationTest {

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String CHAT = "/v1/chat";
    private static final String WIRE = "/model/us.amazon.nova-lite-v1%3A0/converse";
    private static final String MESSAGES = "/v1/messages";
    private static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    private static final String INVOKE = "/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke";
    private static final String INVOKE_STREAM =
            "/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke-with-response-stream";

    private static final String OPENAI_BODY = """
            {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""";
    private static final String CHAT_CONVERSE_BODY = """
            {"modelId":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":[{"text":"hi"}]}]}""";
    private static final String WIRE_BODY = """
            {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""";

    private static final String ANTHROPIC_BODY = """
            {"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String INVOKE_BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @AfterEach
    void bedrockReceivedNothing() {
        assertThat(simulator.received()).as("requests that reached Bedrock").isEmpty();
    }

    static Stream<Arguments> invalidOpenAiSurfaceBodies() {
        return Stream.of(
                arguments("malformed JSON", COMPLETIONS, OPENAI_BODY.substring(0, OPENAI_BODY.length() - 1), null),
                arguments("malformed JSON", CHAT, OPENAI_BODY.substring(0, OPENAI_BODY.length() - 1), null),
                arguments("JSON cut off inside messages", COMPLETIONS, "{\"model\":\"m\",\"messages\":[", null),
                arguments("JSON cut off inside messages", CHAT, "{\"model\":\"m\",\"messages\":[", null),
                arguments("JSON array", COMPLETIONS, "[" + OPENAI_BODY + "]", null),
                arguments("JSON array", CHAT, "[" + OPENAI_BODY + "]", null),
                arguments("empty body", COMPLETIONS, "", null),
                arguments("empty body", CHAT, "", null),
                arguments("messages as a string", COMPLETIONS, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":"hi"}""", "messages"),
                arguments("messages as a string", CHAT, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":"hi"}""", "messages"),
                arguments("Converse messages as a string", CHAT, """
                        {"modelId":"us.amazon.nova-lite-v1:0","messages":"hi"}""", "messages"),
                arguments(
                        "max_tokens as a word",
                        COMPLETIONS,
                        withField(OPENAI_BODY, "\"max_tokens\":\"many\""),
                        "max_tokens"),
                arguments(
                        "max_tokens as a word", CHAT, withField(OPENAI_BODY, "\"max_tokens\":\"many\""), "max_tokens"),
                arguments(
                        "Converse maxTokens as a word",
                        CHAT,
                        withField(CHAT_CONVERSE_BODY, "\"inferenceConfig\":{\"maxTokens\":\"many\"}"),
                        "inferenceConfig.maxTokens"),
                arguments(
                        "temperature as a word",
                        COMPLETIONS,
                        withField(OPENAI_BODY, "\"temperature\":\"hot\""),
                        "temperature"),
                arguments(
                        "temperature as a word",
                        CHAT,
                        withField(OPENAI_BODY, "\"temperature\":\"hot\""),
                        "temperature"),
                arguments(
                        "Converse temperature as a word",
                        CHAT,
                        withField(CHAT_CONVERSE_BODY, "\"inferenceConfig\":{\"temperature\":\"hot\"}"),
                        "inferenceConfig.temperature"),
                arguments("missing model", COMPLETIONS, """
                        {"messages":[{"role":"user","content":"hi"}]}""", "model"),
                arguments("blank Converse modelId", CHAT, """
                        {"modelId":" ","messages":[{"role":"user","content":[{"text":"hi"}]}]}""", "model"),
                arguments("empty messages", COMPLETIONS, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":[]}""", "messages"),
                arguments("empty messages", CHAT, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":[]}""", "messages"),
                arguments("empty Converse messages", CHAT, """
                        {"modelId":"us.amazon.nova-lite-v1:0","messages":[]}""", "messages"),
                arguments("unknown role", COMPLETIONS, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role"),
                arguments("unknown role", CHAT, """
                        {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role"),
                arguments("unknown Converse role", CHAT, """
                        {"modelId":"us.amazon.nova-lite-v1:0",
                         "messages":[{"role":"wizard","content":[{"text":"hi"}]}]}""", "messages[0].role"),
                arguments(
                        "Converse extraneous key",
                        CHAT,
                        withField(CHAT_CONVERSE_BODY, "\"temprature\":0.5"),
                        "temprature"),
                arguments("both model and modelId", CHAT, """
                        {"model":"us.amazon.nova-lite-v1:0","modelId":"us.amazon.nova-lite-v1:0",
                         "messages":[{"role":"user","content":"hi"}]}""", "model"),
                arguments("neither model nor modelId", CHAT, """
                        {"messages":[{"role":"user","content":"hi"}]}""", null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("invalidOpenAiSurfaceBodies")
    void openAiSurfaceWhenBodyIsInvalidThenAnswers400NamingTheParam(
            String problem, String path, String body, @Nullable String param) {
        GatewayResponse response = gateway.postJson(path, body);

        assertOpenAiError(response, 400, "invalid_request_error", param);
    }

    static Stream<Arguments> invalidWireBodies() {
        return Stream.of(
                arguments("malformed JSON", WIRE, "{\"messages\":["),
                arguments("JSON array", WIRE, "[" + WIRE_BODY + "]"),
                arguments("empty body", WIRE, ""),
                arguments("messages as a string", WIRE, "{\"messages\":\"hi\"}"),
                arguments(
                        "maxTokens as a word",
                        WIRE,
                        withField(WIRE_BODY, "\"inferenceConfig\":{\"maxTokens\":\"many\"}")),
                arguments(
                        "temperature as a word",
                        WIRE,
                        withField(WIRE_BODY, "\"inferenceConfig\":{\"temperature\":\"hot\"}")),
                arguments("empty messages", WIRE, "{\"messages\":[]}"),
                arguments("unknown role", WIRE, """
                        {"messages":[{"role":"wizard","content":[{"text":"hi"}]}]}"""),
                arguments("OpenAI-style string content", WIRE, """
                        {"messages":[{"role":"user","content":"hi"}]}"""),
                arguments("blank model ID in the path", "/model/%20/converse", WIRE_BODY));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("invalidWireBodies")
    void wireSurfaceWhenBodyIsInvalidThenAnswers400ValidationException(String problem, String path, String body) {
        GatewayResponse response = gateway.postJson(path, body);

        assertAwsError(response, 400, "ValidationException");
    }

    static Stream<Arguments> invalidAnthropicBodies() {
        return Stream.of(
                arguments("malformed JSON", MESSAGES, ANTHROPIC_BODY.substring(0, ANTHROPIC_BODY.length() - 1), null),
                arguments("JSON array", MESSAGES, "[" + ANTHROPIC_BODY + "]", "JSON object"),
                arguments("a JSON string", MESSAGES, "\"hi\"", "JSON object"),
                arguments("empty body", MESSAGES, "", null),
                arguments("missing max_tokens", MESSAGES, """
                        {"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens"),
                arguments(
                        "max_tokens of zero",
                        MESSAGES,
                        ANTHROPIC_BODY.replace("\"max_tokens\":100", "\"max_tokens\":0"),
                        "max_tokens"),
                arguments(
                        "max_tokens as a word",
                        MESSAGES,
                        ANTHROPIC_BODY.replace("\"max_tokens\":100", "\"max_tokens\":\"many\""),
                        "max_tokens"),
                arguments("missing model", MESSAGES, """
                        {"max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", "model"),
                arguments(
                        "anthropic_beta as a number",
                        MESSAGES,
                        withField(ANTHROPIC_BODY, "\"anthropic_beta\":7"),
                        "anthropic_beta"),
                arguments(
                        "an image by URL to a model served through Converse",
                        MESSAGES,
                        """
                        {"model":"us.amazon.nova-lite-v1:0","max_tokens":100,"messages":[{"role":"user","content":[
                          {"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}},
                          {"type":"text","text":"What is this?"}]}]}""",
                        "URL sources are not supported"),
                arguments("malformed JSON", COUNT_TOKENS, "{\"model\":", null),
                arguments("JSON array", COUNT_TOKENS, "[" + ANTHROPIC_BODY + "]", "JSON object"),
                arguments("missing model", COUNT_TOKENS, """
                        {"messages":[{"role":"user","content":"hi"}]}""", "model"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("invalidAnthropicBodies")
    void anthropicSurfaceWhenBodyIsInvalidThenAnswers400InAnthropicsShape(
            String problem, String path, String body, @Nullable String named) {
        GatewayResponse response = gateway.postJson(path, body);

        String message = assertAnthropicError(response, 400, "invalid_request_error");
        if (named != null) {
            assertThat(message).contains(named);
        }
    }

    @Test
    void anthropicSurfaceWhenContentTypeIsTextPlainThenAnswers415InAnthropicsShape() {
        GatewayResponse response = gateway.send(gateway.request(MESSAGES, "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(ANTHROPIC_BODY)));

        assertAnthropicError(response, 415, "invalid_request_error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {INVOKE, INVOKE_STREAM})
    void invokeWireWhenBodyIsEmptyThenAnswers400ValidationExceptionBeforeAnyStream(String path) {
        GatewayResponse response = gateway.postJson(path, "");

        assertThat(assertAwsError(response, 400, "ValidationException")).contains("body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invoke", "invoke-with-response-stream"})
    void invokeWireWhenTheModelIdIsNoModelThenAnswers404InAwsShape(String operation) {
        GatewayResponse response = gateway.postJson("/model/not-a-model/" + operation, INVOKE_BODY);

        assertThat(assertAwsError(response, 404, "ResourceNotFoundException")).contains("not-a-model");
    }

    @Test
    void wireSurfaceWhenBodyHasAnExtraneousKeyThenAnswersValidationExceptionNamingTheKeyAsBedrockDoes() {
        GatewayResponse response =
                gateway.postJson(WIRE, withField(WIRE_BODY, "\"modelId\":\"us.amazon.nova-lite-v1:0\""));

        String message = assertAwsError(response, 400, "ValidationException");
        assertThat(message).contains("extraneous key [modelId] is not permitted");
    }

    @Test
    void chatWhenBodyHasBothModelAndModelIdThenMessageSaysToSendOnlyOne() {
        GatewayResponse response =
                gateway.postJson(CHAT, withField(OPENAI_BODY, "\"modelId\":\"us.amazon.nova-lite-v1:0\""));

        assertThat(assertOpenAiError(response, 400, "invalid_request_error", "model")
                        .path("message")
                        .stringValue())
                .contains("not both");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {COMPLETIONS, CHAT})
    void openAiSurfaceWhenContentTypeIsTextPlainThenAnswers415(String path) {
        GatewayResponse response = gateway.send(gateway.request(path, "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)));

        assertOpenAiError(response, 415, "invalid_request_error", null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {COMPLETIONS, CHAT})
    void openAiSurfaceWhenContentTypeIsMissingThenAnswers415(String path) {
        GatewayResponse response =
                gateway.send(gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)));

        assertOpenAiError(response, 415, "invalid_request_error", null);
    }

    @Test
    void wireSurfaceWhenContentTypeIsTextPlainThenAnswers415InAwsShape() {
        GatewayResponse response = gateway.send(gateway.request(WIRE, "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(WIRE_BODY)));

        assertAwsError(response, 415, "UnsupportedMediaTypeException");
    }

    @Test
    void wireSurfaceWhenContentTypeIsMissingThenAnswers415InAwsShape() {
        GatewayResponse response =
                gateway.send(gateway.request(WIRE).POST(HttpRequest.BodyPublishers.ofString(WIRE_BODY)));

        assertAwsError(response, 415, "UnsupportedMediaTypeException");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {COMPLETIONS, CHAT})
    void openAiSurfaceWhenMethodIsGetThenAnswers405AllowingPost(String path) {
        GatewayResponse response = gateway.get(path);

        assertOpenAiError(response, 405, "invalid_request_error", null);
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void wireSurfaceWhenMethodIsGetThenAnswers405AllowingPostInAwsShape() {
        GatewayResponse response = gateway.get(WIRE);

        assertAwsError(response, 405, "UnknownOperationException");
        assertThat(response.header("Allow")).contains("POST");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST"})
    void unknownPathUnderV1ThenAnswers404InOpenAiShape(String method) {
        GatewayResponse response = gateway.send(gateway.request("/v1/audio/speech", "Content-Type", "application/json")
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(OPENAI_BODY)));

        assertOpenAiError(response, 404, "not_found_error", null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST"})
    void unknownPathUnderModelThenAnswers404InAwsShape(String method) {
        GatewayResponse response = gateway.send(gateway.request(
                        "/model/us.amazon.nova-lite-v1%3A0/unknown-operation", "Content-Type", "application/json")
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(WIRE_BODY)));

        assertAwsError(response, 404, "ResourceNotFoundException");
    }

    private static String withField(String json, String field) {
        return json.substring(0, json.length() - 1) + "," + field + "}";
    }
}
