package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /v1/responses} with the official OpenAI Java SDK's {@code responses()} client over real HTTP, through the
 * gateway's core to the simulator's Converse and back: answers, function calls, reasoning, streaming, stored
 * conversations per tenant, and the refusals.
 */
@ConfiguredGateway
class ResponsesIntegrationTest {

    private static final String HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String NOVA = "us.amazon.nova-lite-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    private OpenAIClient openAi() {
        return SdkClients.openAi(gateway);
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message()
                    .ifPresent(message ->
                            message.content().forEach(part -> part.outputText().ifPresent(t -> text.append(t.text()))));
        }
        return text.toString();
    }

    @Test
    void aStringInputWithInstructionsIsAnsweredAsACompletedResponseWithItsUsage() {
        Response response = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .instructions("Answer briefly.")
                        .input("What is Bedrock?")
                        .build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(text(response)).isNotBlank();
        assertThat(response.usage().orElseThrow().inputTokens()).isPositive();
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isZero();
        assertThat(simulator.lastReceived().body())
                .contains("\"system\":[{\"text\":\"Answer briefly.\"}]")
                .contains("What is Bedrock?");
    }

    @Test
    void aStoredResponseIsContinuedWithPreviousResponseIdSendingOnlyTheNewTurn() {
        Response first = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .input("Name a colour.")
                        .build());

        Response second = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .previousResponseId(first.id())
                        .input("And another one?")
                        .build());

        assertThat(second.previousResponseId()).hasValue(first.id());
        assertThat(simulator.lastReceived().body())
                .as("Bedrock received the whole conversation")
                .contains("Name a colour.")
                .contains(text(first).substring(0, Math.min(12, text(first).length())))
                .contains("And another one?");
        assertThat(openAi().responses().retrieve(second.id()).id()).isEqualTo(second.id());
    }

    @Test
    void storeFalseStoresNothingAndADeletedResponseIsGone() {
        Response unstored = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .input("Hi")
                        .store(false)
                        .build());
        Response stored = openAi().responses()
                .create(ResponseCreateParams.builder().model(NOVA).input("Hi").build());

        openAi().responses().delete(stored.id());

        assertThat(catchThrowableOfType(
                        NotFoundException.class, () -> openAi().responses().retrieve(unstored.id())))
                .isNotNull();
        assertThat(catchThrowableOfType(
                        NotFoundException.class, () -> openAi().responses().retrieve(stored.id())))
                .isNotNull();
    }

    @Test
    void anotherTenantCanNeitherReadNorContinueNorDeleteAResponse() {
        Response mine = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .input("My secret is kumquat.")
                        .build());
        GatewayClient other = gateway.withApiKey(ConfiguredGateway.OTHER_TENANT_KEY);

        GatewayResponse read = other.get("/v1/responses/" + mine.id());
        GatewayResponse continued = other.postJson(
                "/v1/responses",
                "{\"model\":\"" + NOVA + "\",\"previous_response_id\":\"" + mine.id()
                        + "\",\"input\":\"What is it?\"}");
        GatewayResponse deleted =
                other.send(other.request("/v1/responses/" + mine.id()).DELETE());

        assertThat(List.of(read.status(), continued.status(), deleted.status())).containsOnly(404);
        assertThat(read.body()).doesNotContain("kumquat");
        assertThat(continued.json().path("error").path("param").asString()).isEqualTo("previous_response_id");
        assertThat(openAi().responses().retrieve(mine.id()).id())
                .as("still there for its owner")
                .isEqualTo(mine.id());
    }

    @Test
    void aFunctionCallIsAnOutputItemAndItsOutputContinuesTheConversation() {
        FunctionTool weather = FunctionTool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();
        Response call = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(HAIKU)
                        .input("Use get_weather for Paris")
                        .addTool(weather)
                        .build());
        ResponseFunctionToolCall functionCall = call.output().stream()
                .flatMap(item -> item.functionCall().stream())
                .findFirst()
                .orElseThrow();

        Response answer = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(HAIKU)
                        .previousResponseId(call.id())
                        .addTool(weather)
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                        .callId(functionCall.callId())
                                        .output("Sunny, 21 C")
                                        .build())))
                        .build());

        assertThat(functionCall.name()).isEqualTo("get_weather");
        assertThat(functionCall.arguments()).startsWith("{");
        assertThat(simulator.lastReceived().body())
                .contains("\"toolResult\"")
                .contains("\"toolUseId\":\"" + functionCall.callId() + "\"")
                .contains("Sunny, 21 C");
        assertThat(answer.status()).hasValue(ResponseStatus.COMPLETED);
    }

    @Test
    void reasoningEffortGivesAReasoningItemWithItsSummaryAndCountsReasoningTokens() {
        Response response = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(HAIKU)
                        .input("Why is the sky blue?")
                        .reasoning(com.openai.models.Reasoning.builder()
                                .effort(ReasoningEffort.LOW)
                                .build())
                        .build());

        var reasoning = response.output().get(0).reasoning().orElseThrow();
        assertThat(reasoning.summary())
                .singleElement()
                .satisfies(part -> assertThat(part.text()).contains("Why is the sky blue?"));
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isPositive();
        assertThat(simulator.lastReceived().body()).contains("\"thinking\":{\"type\":\"enabled\"");
    }

    @Test
    void anAnswerCutAtItsTokenLimitIsIncompleteSayingWhy() {
        Response response = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model(NOVA)
                        .input("Tell me a long story about the sea and the sky")
                        .maxOutputTokens(2)
                        .build());

        assertThat(response.status()).hasValue(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails()
                        .orElseThrow()
                        .reason()
                        .orElseThrow()
                        .asString())
                .isEqualTo("max_output_tokens");
    }

    @Test
    void aStreamDeliversTypedEventsWhoseDeltasMakeTheCompletedText() {
        List<String> deltas = new ArrayList<>();
        Response completed;
        try (StreamResponse<ResponseStreamEvent> stream = openAi().responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(NOVA)
                        .input("Stream a few words")
                        .build())) {
            completed = stream.stream()
                    .peek(event -> event.outputTextDelta().ifPresent(delta -> deltas.add(delta.delta())))
                    .flatMap(event -> event.completed().stream())
                    .findFirst()
                    .orElseThrow()
                    .response();
        }

        assertThat(deltas).isNotEmpty();
        assertThat(String.join("", deltas)).isEqualTo(text(completed));
        assertThat(openAi().responses().retrieve(completed.id()).id())
                .as("a streamed response is stored too")
                .isEqualTo(completed.id());
    }

    @Test
    void aStreamsEventsComeInOpenAisOrder() {
        GatewayResponse response = gateway.postJson(
                "/v1/responses", "{\"model\":\"" + NOVA + "\",\"input\":\"Stream a few words\",\"stream\":true}");

        List<String> types = response.body()
                .lines()
                .filter(line -> line.startsWith("event: "))
                .map(line -> line.substring("event: ".length()))
                .distinct()
                .toList();
        assertThat(types)
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.completed");
    }

    @Test
    void aStreamThatFailsAfterItsFirstByteEndsWithAnErrorAndResponseFailed() {
        simulator.failStreamsFor(NOVA, 1, SimulatorFault.throttling());

        GatewayResponse response = gateway.postJson(
                "/v1/responses", "{\"model\":\"" + NOVA + "\",\"input\":\"Stream a few words\",\"stream\":true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("event: response.output_text.delta")
                .contains("event: error")
                .contains("event: response.failed")
                .contains("\"status\":\"failed\"")
                .doesNotContain("event: response.completed");
    }

    @Test
    void whatTheGatewayCannotDoIsRefusedByName() {
        Map<String, String> refusals = Map.of(
                "{\"model\":\"" + NOVA + "\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}", "tools[0].type",
                "{\"model\":\"" + NOVA + "\",\"input\":\"hi\",\"background\":true}", "background",
                "{\"model\":\"" + NOVA + "\",\"input\":\"hi\",\"n\":2}", "n",
                "{\"model\":\"" + NOVA + "\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}",
                        "text.format");

        refusals.forEach((body, param) -> {
            GatewayResponse response = gateway.postJson("/v1/responses", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").path("param").asString())
                    .as(body)
                    .isEqualTo(param);
        });
        GatewayResponse unknown = gateway.postJson(
                "/v1/responses",
                "{\"model\":\"" + NOVA + "\",\"input\":\"hi\",\"previous_response_id\":\"resp_none\"}");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aModelServedOnlyByBedrocksResponsesEndpointIsCalledThereSignedAndKeptForItsTenant() {
        Response response = openAi().responses()
                .create(ResponseCreateParams.builder()
                        .model("openai.gpt-5.5")
                        .input("Plan a trip")
                        .build());

        var sent = simulator.lastReceived();
        assertThat(sent.rawPath()).isEqualTo("/v1/responses");
        assertThat(sent.body()).contains("\"model\":\"openai.gpt-5.5\"").contains("Plan a trip");
        assertThat(sent.header("authorization")).as("SigV4 for service bedrock").contains("/bedrock/aws4_request");
        assertThat(sent.signingRegion()).isEqualTo("us-east-1");
        assertThat(text(response)).isEqualTo("Simulated reply to: Plan a trip");
        assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
        assertThat(openAi().responses().retrieve(response.id()).id()).isEqualTo(response.id());
        assertThat(gateway.withApiKey(ConfiguredGateway.OTHER_TENANT_KEY)
                        .get("/v1/responses/" + response.id())
                        .status())
                .isEqualTo(404);
        GatewayResponse switched = gateway.postJson(
                "/v1/responses",
                "{\"model\":\"" + NOVA + "\",\"previous_response_id\":\"" + response.id() + "\",\"input\":\"And?\"}");
        assertThat(switched.status())
                .as("its history lives at Bedrock: not dropped silently")
                .isEqualTo(400);
        assertThat(switched.json().path("error").path("param").asString()).isEqualTo("previous_response_id");
    }

    @Test
    void aStreamToAModelServedOnlyByBedrocksResponsesEndpointIsRefusedByName() {
        GatewayResponse response =
                gateway.postJson("/v1/responses", "{\"model\":\"openai.gpt-5.5\",\"input\":\"hi\",\"stream\":true}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("param").asString()).isEqualTo("stream");
    }
}
