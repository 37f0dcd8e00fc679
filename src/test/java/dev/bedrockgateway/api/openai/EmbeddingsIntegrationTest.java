package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/embeddings} with the official OpenAI Java SDK, over real HTTP through the gateway to the
 * simulator's InvokeModel, and InvokeModel with an embeddings body from the stock AWS SDK.
 */
@GatewayIntegrationTest
class EmbeddingsIntegrationTest {

    private static final String TITAN = "amazon.titan-embed-text-v2:0";
    private static final String COHERE = "cohere.embed-english-v3";
    private static final String NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    MeterRegistry meters;

    private CreateEmbeddingResponse embed(EmbeddingCreateParams params) {
        OpenAIClient client = SdkClients.openAi(gateway);
        return client.embeddings().create(params);
    }

    private List<RecordedRequest> invocations(String model) {
        return simulator.received().stream()
                .filter(request -> model.equals(request.modelId()))
                .toList();
    }

    @Test
    void titanEmbedsEachTextOfAListInOrderOneBedrockCallEachAtTheAskedDimensions() {
        CreateEmbeddingResponse answer = embed(EmbeddingCreateParams.builder()
                .model(TITAN)
                .inputOfArrayOfStrings(List.of("the first text", "a second one", "the first text"))
                .dimensions(256)
                .build());

        assertThat(answer.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
        assertThat(answer.data())
                .allSatisfy(item -> assertThat(item.embedding()).hasSize(256));
        assertThat(answer.data().get(0).embedding())
                .isEqualTo(answer.data().get(2).embedding());
        assertThat(answer.data().get(0).embedding())
                .isNotEqualTo(answer.data().get(1).embedding());
        assertThat(answer.usage().promptTokens()).isEqualTo(3 + 3 + 3);
        assertThat(answer.model()).isEqualTo(TITAN);
        assertThat(invocations(TITAN))
                .hasSize(3)
                .allSatisfy(request -> assertThat(request.body()).contains("\"dimensions\":256"));
    }

    @Test
    void cohereTakesAHundredTextsInTwoBatchesOfItsSizeAndKeepsTheirOrder() {
        List<String> texts =
                IntStream.range(0, 100).mapToObj(i -> "text number " + i).toList();

        CreateEmbeddingResponse all = embed(EmbeddingCreateParams.builder()
                .model(COHERE)
                .inputOfArrayOfStrings(texts)
                .build());
        CreateEmbeddingResponse last = embed(EmbeddingCreateParams.builder()
                .model(COHERE)
                .input(texts.get(99))
                .build());

        assertThat(all.data()).hasSize(100);
        assertThat(invocations(COHERE)).hasSize(3);
        assertThat(invocations(COHERE).get(0).body()).contains("\"input_type\":\"search_document\"");
        assertThat(all.data().get(99).embedding())
                .as("the hundredth vector is the hundredth text's")
                .isEqualTo(last.data().get(0).embedding())
                .hasSize(1024);
    }

    @Test
    void novaAnswersWithItsDefaultDimensionsAsFloatsAndAsLittleEndianBase64() {
        String body = "{\"model\":\"" + NOVA + "\",\"input\":\"a picture of words\"";

        GatewayResponse floats = gateway.postJson("/v1/embeddings", body + "}");
        GatewayResponse base64 = gateway.postJson("/v1/embeddings", body + ",\"encoding_format\":\"base64\"}");

        assertThat(floats.status()).as(floats.body()).isEqualTo(200);
        JsonNode vector = floats.json().path("data").get(0).path("embedding");
        assertThat(vector.size()).isEqualTo(3072);
        byte[] bytes = Base64.getDecoder()
                .decode(base64.json().path("data").get(0).path("embedding").asString());
        ByteBuffer decoded = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(3072 * 4);
        for (int i = 0; i < 3072; i += 511) {
            assertThat(decoded.getFloat(i * 4)).isEqualTo(vector.get(i).floatValue());
        }
        assertThat(floats.json().path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(floats.header("x-gateway-bedrock-model-id")).isEqualTo(NOVA);
    }

    @Test
    void embeddingsCallsAreMeteredUnderTheirOwnApiAndCostWhatTheModelCosts() {
        embed(EmbeddingCreateParams.builder().model(TITAN).input("count me").build());

        // A call is recorded once its response is complete, which can be just after the caller read its end.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(Search.in(meters)
                            .name("gateway.requests")
                            .tag("api", "embeddings")
                            .tag("model", TITAN)
                            .tag("outcome", "success")
                            .timer())
                    .isNotNull();
            assertThat(Search.in(meters)
                            .name("gateway.cost.usd")
                            .tag("model", TITAN)
                            .counter())
                    .isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isPositive());
        });
    }

    @Test
    void tooManyInputsAreRefusedNamingTheLimitBeforeAnyCall() {
        List<String> texts = IntStream.range(0, 2049).mapToObj(i -> "t" + i).toList();

        BadRequestException refusal = catchThrowableOfType(
                BadRequestException.class,
                () -> embed(EmbeddingCreateParams.builder()
                        .model(TITAN)
                        .inputOfArrayOfStrings(texts)
                        .build()));

        assertThat(refusal.param()).hasValue("input");
        assertThat(refusal.getMessage()).contains("input holds 2049 texts; at most 2048 a request");
        assertThat(invocations(TITAN)).isEmpty();
    }

    @Test
    void anInputLongerThanTheModelTakesIsRefusedNamingItsLimit() {
        BadRequestException refusal = catchThrowableOfType(
                BadRequestException.class,
                () -> embed(EmbeddingCreateParams.builder()
                        .model(COHERE)
                        .inputOfArrayOfStrings(List.of("short", "x".repeat(3000)))
                        .build()));

        assertThat(refusal.param()).hasValue("input");
        assertThat(refusal.getMessage())
                .contains("input[1] is 3000 characters long")
                .contains("at most 2048");
    }

    @Test
    void aChatModelIsNotAnEmbeddingsModelAndAnEmbeddingsModelIsNotAChatModel() {
        BadRequestException notEmbeddings = catchThrowableOfType(
                BadRequestException.class,
                () -> embed(EmbeddingCreateParams.builder()
                        .model("amazon.nova-lite-v1:0")
                        .input("hi")
                        .build()));
        GatewayResponse notChat = gateway.postJson(
                "/v1/chat/completions",
                "{\"model\":\"" + TITAN + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(notEmbeddings.param()).hasValue("model");
        assertThat(notEmbeddings.getMessage())
                .contains("is not an embeddings model")
                .contains(TITAN);
        assertThat(notChat.status()).isEqualTo(400);
        assertThat(notChat.json().path("error").path("message").asString())
                .contains("is an embeddings model; send it to POST /v1/embeddings");
    }

    @Test
    void dimensionsTheModelDoesNotOfferAndTokenArraysAreRefusedByName() {
        GatewayResponse dimensions =
                gateway.postJson("/v1/embeddings", "{\"model\":\"" + TITAN + "\",\"input\":\"hi\",\"dimensions\":300}");
        GatewayResponse tokens =
                gateway.postJson("/v1/embeddings", "{\"model\":\"" + TITAN + "\",\"input\":[[1,2,3]]}");

        assertThat(dimensions.status()).isEqualTo(400);
        assertThat(dimensions.json().path("error").path("param").asString()).isEqualTo("dimensions");
        assertThat(dimensions.json().path("error").path("message").asString()).contains("[256, 512, 1024]");
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(tokens.json().path("error").path("message").asString()).contains("token arrays are not supported");
    }

    @Test
    void theStockAwsSdkInvokesAnEmbeddingsModelThroughTheGatewayWithItsOwnBody() {
        try (BedrockRuntimeAsyncClient client = SdkClients.bedrockAsync(gateway)) {
            InvokeModelResponse response = client.invokeModel(b -> b.modelId(TITAN)
                            .body(SdkBytes.fromUtf8String("{\"inputText\":\"hello there\",\"dimensions\":512}")))
                    .join();

            JsonNode body = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(response.body().asUtf8String());
            assertThat(body.path("embedding").size()).isEqualTo(512);
            assertThat(body.path("inputTextTokenCount").asInt()).isEqualTo(2);
        }
    }
}
