package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * What the catalog says a model cannot take is refused by the gateway before any call, in the caller's own error
 * shape and naming the field, where Bedrock (the simulator, asked directly with the same request) refuses it with its
 * own, vaguer answer; what a model can take reaches Bedrock as asked.
 */
@ConfiguredGateway
class CapabilityRefusalIntegrationTest {

    private static final String LLAMA = "us.meta.llama3-3-70b-instruct-v1:0";
    private static final String SONNET_4_5 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String SONNET_5_5 = "us.anthropic.claude-sonnet-5-5";
    private static final String GPT_OSS = "openai.gpt-oss-120b-1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void close() {
        simulator.reset();
    }

    private static ConverseRequest converse(
            String model, Function<ConverseRequest.Builder, ConverseRequest.Builder> with) {
        return with.apply(ConverseRequest.builder()
                        .modelId(model)
                        .messages(Message.builder()
                                .role(ConversationRole.USER)
                                .content(ContentBlock.fromText("Hi"))
                                .build()))
                .build();
    }

    private BedrockRuntimeException throughGateway(ConverseRequest request) {
        try (BedrockRuntimeAsyncClient client = SdkClients.bedrockAsync(gateway)) {
            CompletionException failure = catchThrowableOfType(
                    CompletionException.class, () -> client.converse(request).join());
            assertThat(failure).as("the gateway refuses it").isNotNull();
            return (BedrockRuntimeException) failure.getCause();
        }
    }

    private BedrockRuntimeException straightToBedrock(ConverseRequest request) {
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                .httpClient(Apache5HttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build()) {
            BedrockRuntimeException refusal =
                    catchThrowableOfType(BedrockRuntimeException.class, () -> client.converse(request));
            assertThat(refusal).as("Bedrock refuses it too").isNotNull();
            return refusal;
        }
    }

    @Test
    void aCachePointToAModelWithoutPromptCachingIsRefusedNamingTheBlockWhereBedrockAnswersABare403() {
        ConverseRequest request = converse(
                LLAMA,
                b -> b.system(
                        SystemContentBlock.fromText("Be brief."),
                        SystemContentBlock.fromCachePoint(
                                CachePointBlock.builder().type("default").build())));

        BedrockRuntimeException bedrock = straightToBedrock(request);
        int sentBefore = simulator.received().size();
        BedrockRuntimeException refusal = throughGateway(request);

        assertThat(bedrock.statusCode()).isEqualTo(403);
        assertThat(bedrock.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(refusal.statusCode()).isEqualTo(400);
        assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refusal.awsErrorDetails().errorMessage())
                .contains("system[1].cachePoint")
                .contains("has no prompt caching");
        assertThat(simulator.received()).as("nothing was sent to Bedrock").hasSize(sentBefore);
    }

    @Test
    void cacheLifetimesThatGrowFromSystemToMessagesAreRefusedNamingTheBlockAsBedrockRefusesThem() {
        ConverseRequest request = converse(
                SONNET_4_5,
                b -> b.system(
                                SystemContentBlock.fromText("Be brief."),
                                SystemContentBlock.fromCachePoint(CachePointBlock.builder()
                                        .type("default")
                                        .build()))
                        .messages(Message.builder()
                                .role(ConversationRole.USER)
                                .content(
                                        ContentBlock.fromText("Hi"),
                                        ContentBlock.fromCachePoint(CachePointBlock.builder()
                                                .type("default")
                                                .ttl(CacheTTL.VALUE_1_H)
                                                .build()))
                                .build()));

        BedrockRuntimeException bedrock = straightToBedrock(request);
        BedrockRuntimeException refusal = throughGateway(request);

        assertThat(bedrock.statusCode()).isEqualTo(400);
        assertThat(bedrock.awsErrorDetails().errorMessage()).contains("non-increasing order");
        assertThat(refusal.statusCode()).isEqualTo(400);
        assertThat(refusal.awsErrorDetails().errorMessage())
                .contains("messages[0].content[1].cachePoint asks for ttl 1h after system[1].cachePoint lives 5m");
    }

    @Test
    void aOneHourCacheOnAModelThatTakesItReachesBedrockWithItsTtl() {
        ConverseRequest request = converse(
                SONNET_4_5,
                b -> b.system(
                        SystemContentBlock.fromText("Be brief."),
                        SystemContentBlock.fromCachePoint(CachePointBlock.builder()
                                .type("default")
                                .ttl(CacheTTL.VALUE_1_H)
                                .build())));

        try (BedrockRuntimeAsyncClient client = SdkClients.bedrockAsync(gateway)) {
            assertThat(client.converse(request).join().stopReasonAsString()).isEqualTo("end_turn");
        }

        assertThat(simulator.lastReceived().body()).contains("\"ttl\":\"1h\"");
    }

    @Test
    void budgetedThinkingToAnAdaptiveOnlyModelIsRefusedSayingWhatToSendInstead() {
        ConverseRequest request = converse(
                SONNET_5_5,
                b -> b.additionalModelRequestFields(Document.mapBuilder()
                        .putDocument(
                                "thinking",
                                Document.mapBuilder()
                                        .putString("type", "enabled")
                                        .putNumber("budget_tokens", 2048)
                                        .build())
                        .build()));

        BedrockRuntimeException bedrock = straightToBedrock(request);
        BedrockRuntimeException refusal = throughGateway(request);

        assertThat(bedrock.statusCode()).isEqualTo(400);
        assertThat(bedrock.awsErrorDetails().errorMessage()).contains("thinking.type.enabled is not supported");
        assertThat(refusal.statusCode()).isEqualTo(400);
        assertThat(refusal.awsErrorDetails().errorMessage()).contains("send thinking.type 'adaptive'");
    }

    @Test
    void aServiceTierTheModelLacksIsRefusedByNameInOpenAisShape() {
        OpenAIClient openAi = SdkClients.openAi(gateway);

        BadRequestException refusal = catchThrowableOfType(
                BadRequestException.class,
                () -> openAi.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(SONNET_4_5)
                                .addUserMessage("Hi")
                                .serviceTier(ChatCompletionCreateParams.ServiceTier.FLEX)
                                .build()));

        assertThat(refusal).isNotNull();
        assertThat(refusal.param()).hasValue("service_tier");
        assertThat(refusal.getMessage()).contains("is served at the service tiers [default], not 'flex'");
    }

    @Test
    void aServiceTierTheModelOffersReachesBedrockAndTagsTheCallsMetrics() {
        ChatCompletion answer = SdkClients.openAi(gateway)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(GPT_OSS)
                        .addUserMessage("Hi")
                        .serviceTier(ChatCompletionCreateParams.ServiceTier.PRIORITY)
                        .build());

        assertThat(answer.choices()).hasSize(1);
        assertThat(simulator.lastReceived().body()).contains("\"serviceTier\":{\"type\":\"priority\"}");
        // A call is recorded once its response is complete, which can be just after the caller read its end.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Search.in(meters)
                                .name("gateway.requests")
                                .tag("model", GPT_OSS)
                                .tag("service_tier", "priority")
                                .timer())
                        .isNotNull());
    }

    @Test
    void theModelListShowsWhatEachModelCanDoAndWhereItRoutesForTheCaller() {
        GatewayResponse response = gateway.get("/v1/models");

        assertThat(response.status()).isEqualTo(200);
        var byId = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
        response.json().path("data").forEach(model -> byId.put(model.path("id").asString(), model));
        var sonnet = byId.get("anthropic.claude-sonnet-4-6");
        assertThat(sonnet.path("bedrock_model_id").asString()).isEqualTo("us.anthropic.claude-sonnet-4-6");
        assertThat(sonnet.path("capabilities").path("on_demand").asBoolean(true))
                .isFalse();
        assertThat(sonnet.path("capabilities").path("cache_ttl_1h").asBoolean()).isTrue();
        assertThat(sonnet.path("capabilities").path("apis").toString()).isEqualTo("[\"converse\",\"invoke-messages\"]");
        var titan = byId.get("amazon.titan-embed-text-v2:0");
        assertThat(titan.path("capabilities").path("apis").toString()).isEqualTo("[\"embeddings\"]");
        assertThat(titan.path("capabilities").path("embedding_dimensions").toString())
                .isEqualTo("[1024,512,256]");
        assertThat(byId.get(GPT_OSS).path("capabilities").path("service_tiers").toString())
                .isEqualTo("[\"default\",\"flex\",\"priority\"]");
    }

    @Test
    void toolsToAModelWithoutToolsAreRefusedByNameWhereBedrockSaysOnlyThatItCannot() {
        ConverseRequest request = converse(
                "us.deepseek.r1-v1:0",
                b -> b.toolConfig(t -> t.tools(tool -> tool.toolSpec(spec -> spec.name("lookup")
                        .inputSchema(schema -> schema.json(Document.mapBuilder()
                                .putString("type", "object")
                                .build()))))));

        BedrockRuntimeException bedrock = straightToBedrock(request);
        BedrockRuntimeException refusal = throughGateway(request);

        assertThat(bedrock.awsErrorDetails().errorMessage()).isEqualTo("This model doesn't support tool use.");
        assertThat(refusal.statusCode()).isEqualTo(400);
        assertThat(refusal.awsErrorDetails().errorMessage()).contains("does not take tools");
    }

    @Test
    void converseServiceTierReachesBedrockOnTheWireAndATierTheModelLacksIsAValidationError() {
        try (BedrockRuntimeAsyncClient client = SdkClients.bedrockAsync(gateway)) {
            client.converse(converse(GPT_OSS, b -> b.serviceTier(tier -> tier.type("flex"))))
                    .join();
        }
        String sent = simulator.lastReceived().body();
        BedrockRuntimeException refusal =
                throughGateway(converse(SONNET_4_5, b -> b.serviceTier(tier -> tier.type("priority"))));

        assertThat(sent).contains("\"serviceTier\":{\"type\":\"flex\"}");
        assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refusal.awsErrorDetails().errorMessage()).contains("not 'priority'");
    }

    @Test
    void aTenantsDefaultTierAppliesOnlyWhereTheModelOffersIt() {
        GatewayClient flex = gateway.withApiKey(ConfiguredGateway.FLEX_TENANT_KEY);
        String body = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        GatewayResponse offered = flex.postJson("/v1/chat/completions", body.formatted(GPT_OSS));
        String offeredSent = simulator.lastReceived().body();
        GatewayResponse lacked = flex.postJson("/v1/chat/completions", body.formatted(SONNET_4_5));
        String lackedSent = simulator.lastReceived().body();

        assertThat(offered.status()).as(offered.body()).isEqualTo(200);
        assertThat(offeredSent).contains("\"serviceTier\":{\"type\":\"flex\"}");
        assertThat(lacked.status()).as(lacked.body()).isEqualTo(200);
        assertThat(lackedSent).doesNotContain("serviceTier");
    }

    @Test
    void aProfileOnlyModelsPlainIdIsRewrittenToAProfileEvenForATenantThatRewritesNothing() {
        GatewayClient noGeography = gateway.withApiKey(ConfiguredGateway.FLEX_TENANT_KEY);
        String body = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        GatewayResponse profileOnly =
                noGeography.postJson("/v1/chat/completions", body.formatted("anthropic.claude-sonnet-4-6"));
        GatewayResponse onDemand = noGeography.postJson("/v1/chat/completions", body.formatted(GPT_OSS));

        assertThat(profileOnly.status()).as(profileOnly.body()).isEqualTo(200);
        assertThat(profileOnly.header("x-gateway-bedrock-model-id")).isEqualTo("us.anthropic.claude-sonnet-4-6");
        assertThat(onDemand.header("x-gateway-bedrock-model-id"))
                .as("geography none keeps it")
                .isEqualTo(GPT_OSS);
    }
}
