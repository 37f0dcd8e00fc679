package dev.bedrockgateway.api.openai;

import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Function calling end to end over real HTTP: the official OpenAI Java SDK runs a two-round tool conversation
 * (plain and streamed) against the simulator, {@code tool_choice} maps to Converse's tool choices, and
 * conversation shapes Bedrock would refuse are normalised before they leave the gateway. Expected tool calls
 * follow the simulator's documented rules: tools named in the last user text are called in order of first
 * mention, with inputs from their schemas ({@code property=word} in the text sets a value), and tool-use IDs
 * are {@code tooluse_} plus 22 URL-safe base64 characters of SHA-256(name, call index, user text).
 */
@GatewayIntegrationTest
class ToolCallingIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String QUESTION = "Call get_weather for city=Lisbon unit=fahrenheit days=3 and get_time too.";
    private static final String WEATHER_ARGUMENTS = "{\"city\":\"Lisbon\",\"unit\":\"fahrenheit\",\"days\":3}";
    private static final String TOOLS_JSON = """
            [{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
              "parameters":{"type":"object","properties":{"city":{"type":"string"},
                "unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"}},
                "required":["city"]}}},
             {"type":"function","function":{"name":"get_time","description":"The current time"}}]""";

    @AutoClose
    private static OpenAIClient client;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    JsonMapper json;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = SdkClients.openAi(gateway);
    }

    @Test
    void createWhenTheQuestionNamesTwoToolsThenTheSdkRunsBothAndGetsTheAnswerToTheirResults() {
        String weatherId = toolUseId("get_weather", 0, QUESTION);
        String timeId = toolUseId("get_time", 1, QUESTION);

        ChatCompletion first = client.chat()
                .completions()
                .create(withTools().addUserMessage(QUESTION).build());

        first.validate();
        ChatCompletion.Choice choice = first.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage message = choice.message();
        assertThat(message.content()).hasValue("Calling get_weather, get_time.");
        List<ChatCompletionMessageFunctionToolCall> calls = message.toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .toList();
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).containsExactly(weatherId, timeId);
        assertThat(calls).extracting(call -> call.function().name()).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> call.function().arguments()).containsExactly(WEATHER_ARGUMENTS, "{}");

        ChatCompletion second = client.chat()
                .completions()
                .create(withTools()
                        .addUserMessage(QUESTION)
                        .addMessage(message)
                        .addMessage(toolMessage(weatherId, "64F and sunny"))
                        .addMessage(toolMessage(timeId, "09:30"))
                        .build());

        second.validate();
        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(second.choices().get(0).message().toolCalls()).isEmpty();
        assertThat(second.choices().get(0).message().content())
                .hasValue("Simulated reply to tool results: " + weatherId + "=64F and sunny; " + timeId + "=09:30");
    }

    @Test
    void createStreamingWhenTheQuestionNamesTwoToolsThenToolCallDeltasReassembleToExactArguments() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(withTools().addUserMessage(QUESTION).build())) {
            chunks = stream.stream().toList();
        }

        chunks.forEach(ChatCompletionChunk::validate);
        List<ChatCompletionChunk.Choice> choices =
                chunks.stream().flatMap(chunk -> chunk.choices().stream()).toList();
        Map<Long, StreamedCall> calls = new TreeMap<>();
        choices.forEach(choice -> choice.delta()
                .toolCalls()
                .orElse(List.of())
                .forEach(delta -> calls.computeIfAbsent(delta.index(), index -> new StreamedCall())
                        .add(delta)));
        assertThat(calls).containsOnlyKeys(0L, 1L);
        assertThat(calls.get(0L).id).hasToString(toolUseId("get_weather", 0, QUESTION));
        assertThat(calls.get(0L).name).hasToString("get_weather");
        assertThat(calls.get(0L).arguments).hasToString(WEATHER_ARGUMENTS);
        assertThat(calls.get(0L).argumentPieces)
                .as("arguments arrive in pieces")
                .isGreaterThan(1);
        assertThat(calls.get(1L).id).hasToString(toolUseId("get_time", 1, QUESTION));
        assertThat(calls.get(1L).name).hasToString("get_time");
        assertThat(calls.get(1L).arguments).as("a call without parameters").hasToString("{}");
        assertThat(choices.stream()
                        .map(choice -> choice.delta().content().orElse(""))
                        .collect(Collectors.joining()))
                .isEqualTo("Calling get_weather, get_time.");
        assertThat(choices.stream()
                        .map(ChatCompletionChunk.Choice::finishReason)
                        .flatMap(Optional::stream))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
        assertThat(simulator.lastReceived().operation()).isEqualTo("converse-stream");
    }

    @Test
    void toolChoiceRequiredWhenNoToolIsNamedThenBedrockIsToldAnyAndTheFirstToolIsCalled() {
        String question = "What should I wear today?";

        JsonNode message = toolChoiceAnswer("\"required\"", question);

        assertThat(sentToBedrock().path("toolConfig").path("toolChoice")).isEqualTo(json.readTree("{\"any\":{}}"));
        assertThat(message.path("tool_calls")).hasSize(1);
        JsonNode call = message.path("tool_calls").get(0);
        assertThat(call.path("id").asString()).isEqualTo(toolUseId("get_weather", 0, question));
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("function").path("arguments").asString())
                .isEqualTo("{\"city\":\"city-value\",\"unit\":\"celsius\",\"days\":1}");
    }

    @Test
    void toolChoiceNamingAFunctionWhenTheTextNamesAnotherThenOnlyTheNamedToolIsCalled() {
        String question = "Call get_weather please.";

        JsonNode message = toolChoiceAnswer("{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}", question);

        assertThat(sentToBedrock().path("toolConfig").path("toolChoice"))
                .isEqualTo(json.readTree("{\"tool\":{\"name\":\"get_time\"}}"));
        assertThat(message.path("tool_calls")).hasSize(1);
        JsonNode call = message.path("tool_calls").get(0);
        assertThat(call.path("id").asString()).isEqualTo(toolUseId("get_time", 0, question));
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_time");
        assertThat(call.path("function").path("arguments").asString()).isEqualTo("{}");
    }

    @Test
    void toolChoiceNoneWhenTheTextNamesAToolThenNoToolsReachBedrockAndTheAnswerIsText() {
        String question = "Call get_weather for city=Oslo";

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","tools":%s,"tool_choice":"none","messages":[{"role":"user","content":"%s"}]}""".formatted(NOVA_LITE, TOOLS_JSON, question));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode choice = response.json().path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Simulated reply to: " + question);
        assertThat(sentToBedrock().has("toolConfig")).isFalse();
    }

    @Test
    void createWhenTheConversationHasShapesBedrockRefusesThenTheGatewaySendsTheNormalisedConversation() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","tools":%s,"messages":[
                  {"role":"user","content":"Plan a day in Lisbon."},
                  {"role":"system","content":"Answer in one line."},
                  {"role":"user","content":[{"type":"text","text":"  "},{"type":"text","text":"Check the weather."}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Lisbon\\"}"}}]},
                  {"role":"user","content":"Also, be quick."},
                  {"role":"tool","tool_call_id":"call_1","content":"18C and sunny"}]}""".formatted(NOVA_LITE, TOOLS_JSON));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply to tool results: call_1=18C and sunny");
        JsonNode sent = sentToBedrock();
        assertThat(sent.path("system")).isEqualTo(json.readTree("[{\"text\":\"Answer in one line.\"}]"));
        assertThat(sent.path("messages")).isEqualTo(json.readTree("""
                [{"role":"user","content":[{"text":"Plan a day in Lisbon."},{"text":"Check the weather."}]},
                 {"role":"assistant","content":[
                   {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Lisbon"}}}]},
                 {"role":"user","content":[
                   {"toolResult":{"toolUseId":"call_1","content":[{"text":"18C and sunny"}]}},
                   {"text":"Also, be quick."}]}]"""));
    }

    @Test
    void createWhenAToolMessageAnswersNoCallThenAnswers400NamingTheMessageAndBedrockIsNotCalled() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","tools":%s,"messages":[
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello"},
                  {"role":"tool","tool_call_id":"call_missing","content":"42"}]}""".formatted(NOVA_LITE, TOOLS_JSON));

        JsonNode error = assertOpenAiError(response, 400, "invalid_request_error", "messages[2]");
        assertThat(error.path("message").asString())
                .contains("messages[2]")
                .contains("call_missing")
                .contains("answers no tool call");
        assertThat(simulator.received()).isEmpty();
    }

    private static ChatCompletionCreateParams.Builder withTools() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("city", Map.of("type", "string"));
        properties.put("unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")));
        properties.put("days", Map.of("type", "integer"));
        return ChatCompletionCreateParams.builder()
                .model(NOVA_LITE)
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(properties))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_time")
                        .description("The current time")
                        .build());
    }

    private static ChatCompletionToolMessageParam toolMessage(String toolCallId, String content) {
        return ChatCompletionToolMessageParam.builder()
                .toolCallId(toolCallId)
                .content(content)
                .build();
    }

    /** Asks with the raw tool_choice JSON and returns the answer's message, which must be a tool call. */
    private JsonNode toolChoiceAnswer(String toolChoice, String question) {
        GatewayResponse response =
                gateway.postJson(COMPLETIONS, """
                {"model":"%s","tools":%s,"tool_choice":%s,"messages":[{"role":"user","content":"%s"}]}""".formatted(NOVA_LITE, TOOLS_JSON, toolChoice, question));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode choice = response.json().path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        return choice.path("message");
    }

    private JsonNode sentToBedrock() {
        return json.readTree(simulator.lastReceived().body());
    }

    /** The simulator's tool-use ID rule, recomputed here so a change in either is noticed. */
    private static String toolUseId(String name, int callIndex, String userText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((name + '\u0000' + callIndex + '\u0000' + userText).getBytes(StandardCharsets.UTF_8));
            return "tooluse_"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hash)
                            .substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One tool call put together from its stream deltas. */
    private static final class StreamedCall {

        private final StringBuilder id = new StringBuilder();
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();
        private int argumentPieces;

        void add(ChatCompletionChunk.Choice.Delta.ToolCall delta) {
            delta.id().ifPresent(id::append);
            delta.function()
                    .flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::name)
                    .ifPresent(name::append);
            delta.function()
                    .flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                    .filter(piece -> !piece.isEmpty())
                    .ifPresent(piece -> {
                        arguments.append(piece);
                        argumentPieces++;
                    });
        }
    }
}
