package dev.bedrockgateway.tenant;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * Tenancy over real HTTP: each tenant's Bedrock calls are signed with its own AWS identity and region,
 * its model and geography limits hold, callers without a valid key get 401 in their own format, a stock
 * AWS SDK client works with the tenant key as its Bedrock API key, and rejected credentials are
 * refreshed and retried exactly once.
 *
 * <p>The {@code local} + {@code tenancy} context is shared by every integration test of this package;
 * {@link FakeAwsIdentityEndpoints} prepares what it needs before it starts.
 */
@ExtendWith(FakeAwsIdentityEndpoints.class)
@GatewayIntegrationTest
@ActiveProfiles({"local", "tenancy"})
class TenancyIntegrationTest {

    private static final String NOVA_LITE_US = "us.amazon.nova-lite-v1:0";
    private static final String HAIKU_US = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String CHAT = "/v1/chat/completions";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    // (1) each tenant signs with its own identity and region

    @Test
    void chatWhenTenantACallsThenBedrockCallIsSignedWithTenantAKeysInUsEast1() {
        GatewayResponse response = chat(TestTenants.TENANT_A_KEY, NOVA_LITE_US, "hello from a");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.modelId()).isEqualTo(NOVA_LITE_US);
        assertThat(upstream.signingAccessKeyId()).isEqualTo("AKIATENANTA000000001");
        assertThat(upstream.signingRegion()).isEqualTo("us-east-1");
    }

    @Test
    void chatWhenTenantBSendsADirectModelIdThenItRoutesToTheEuProfileSignedWithTenantBKeysInEuCentral1() {
        GatewayResponse response = chat(TestTenants.TENANT_B_KEY, "amazon.nova-lite-v1:0", "hello from b");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("eu.amazon.nova-lite-v1:0");
        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.modelId()).isEqualTo("eu.amazon.nova-lite-v1:0");
        assertThat(upstream.signingAccessKeyId()).isEqualTo("AKIATENANTB000000002");
        assertThat(upstream.signingRegion()).isEqualTo("eu-central-1");
    }

    @Test
    void configWhenTenantBKeyIsGivenAsSha256ThenOnlyTheDigestIsConfiguredAndTheDigestItselfIsNoKey(
            @Autowired Environment environment) {
        String configured = environment.getProperty("gateway.tenants.tenant-b.api-keys[0]");

        assertThat(configured).isEqualTo("sha256:" + TestTenants.sha256Hex(TestTenants.TENANT_B_KEY));
        assertThat(chat(configured, "amazon.nova-lite-v1:0", "hi").status()).isEqualTo(401);
        assertThat(bedrockCalls()).isEmpty();
    }

    @Test
    void chatWhenTenantBAsksForAUsProfileThen403NamesItsAllowedGeographiesAndNothingReachesBedrock() {
        GatewayResponse response = chat(TestTenants.TENANT_B_KEY, NOVA_LITE_US, "hi");

        JsonNode error = assertOpenAiError(response, 403, "permission_error", "model");
        assertThat(error.path("message").asString()).contains("'us'").contains("[eu]");
        assertThat(bedrockCalls()).isEmpty();
    }

    // (2) isolation

    @Test
    void chatWhenTenantAAsksForAModelOutsideItsGlobsThen403NamesItsAllowedListAndNothingReachesBedrock() {
        GatewayResponse response = chat(TestTenants.TENANT_A_KEY, HAIKU_US, "hi");

        JsonNode error = assertOpenAiError(response, 403, "permission_error", "model");
        assertThat(error.path("message").asString())
                .contains("tenant-a")
                .contains(HAIKU_US)
                .contains("[*nova-lite*]");
        assertThat(bedrockCalls()).isEmpty();
    }

    @Test
    void converseWhenTenantAAsksForAModelOutsideItsGlobsThenAccessDeniedInAwsFormat() {
        GatewayResponse response =
                gateway.withApiKey(TestTenants.TENANT_A_KEY).postJson(wirePath(HAIKU_US), wireBody("hi"));

        assertThat(assertAwsError(response, 403, "AccessDeniedException")).contains("[*nova-lite*]");
        assertThat(bedrockCalls()).isEmpty();
    }

    @Test
    void messagesWhenTenantAAsksForAClaudeModelOutsideItsGlobsThenTheAnthropicSdkRaisesPermissionDenied() {
        AnthropicClient claude = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUri().toString())
                .apiKey(TestTenants.TENANT_A_KEY)
                .maxRetries(0)
                .build();
        try {
            assertThatThrownBy(() -> claude.messages()
                            .create(MessageCreateParams.builder()
                                    .model("claude-haiku-4-5")
                                    .maxTokens(100)
                                    .addUserMessage("hi")
                                    .build()))
                    .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                        assertThat(e.getMessage()).contains("tenant-a").contains("[*nova-lite*]");
                        assertThat(e.headers().values("request-id")).isNotEmpty();
                    });
            assertThat(claude.messages()
                            .create(MessageCreateParams.builder()
                                    .model(NOVA_LITE_US)
                                    .maxTokens(100)
                                    .addUserMessage("hi from a")
                                    .build())
                            .content()
                            .get(0)
                            .asText()
                            .text())
                    .as("a model in its globs answers")
                    .contains("hi from a");
        } finally {
            claude.close();
        }
        assertThat(simulator.received())
                .extracting(RecordedRequest::operationName)
                .doesNotContain("InvokeModel", "InvokeModelWithResponseStream");
    }

    @Test
    void modelsWhenTenantAListsThenOnlyNovaLiteEntriesAppearWhileTheDemoTenantSeesMore() {
        JsonNode tenantA = gateway.withApiKey(TestTenants.TENANT_A_KEY)
                .get("/v1/models")
                .json()
                .path("data");
        JsonNode demo = gateway.get("/v1/models").json().path("data");

        assertThat(tenantA).isNotEmpty();
        assertThat(tenantA.valueStream())
                .allSatisfy(model -> assertThat(model.path("id").asString() + " "
                                + model.path("bedrock_model_id").asString())
                        .contains("nova-lite"));
        assertThat(tenantA.valueStream().map(model -> model.path("id").asString()))
                .contains("amazon.nova-lite-v1:0");
        assertThat(demo.valueStream().map(model -> model.path("id").asString()))
                .contains("amazon.nova-lite-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0");
    }

    // (3) authentication

    static Stream<Arguments> rejectedCredentials() {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString("tenant-a:secret".getBytes(StandardCharsets.UTF_8));
        String sigV4 = "AWS4-HMAC-SHA256 Credential=AKIATENANTA000000001/20260101/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";
        List<Arguments> cases = List.of(
                Arguments.of("no key", new String[0]),
                Arguments.of("unknown bearer key", new String[] {"Authorization", "Bearer tenant-a-key-guessed"}),
                Arguments.of("unknown x-api-key", new String[] {"x-api-key", "tenant-a-key-guessed"}),
                Arguments.of("Basic credentials", new String[] {"Authorization", basic}),
                Arguments.of("key without Bearer", new String[] {"Authorization", TestTenants.TENANT_A_KEY}),
                Arguments.of("SigV4 signature", new String[] {"Authorization", sigV4}));
        return Stream.of("openai", "bedrock-wire")
                .flatMap(style -> cases.stream().map(c -> Arguments.of(style, c.get()[0], c.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejectedCredentials")
    void requestWhenCredentialsAreMissingOrInvalidThen401InTheCallersFormatAndNothingReachesBedrock(
            String style, String description, String[] headers) {
        GatewayClient anonymous = gateway.withApiKey(null);
        boolean wire = style.equals("bedrock-wire");

        GatewayResponse response = wire
                ? anonymous.postJson(wirePath(NOVA_LITE_US), wireBody("hi"), headers)
                : anonymous.postJson(CHAT, openAiBody(NOVA_LITE_US, "hi"), headers);

        String message = wire
                ? assertAwsError(response, 401, "UnrecognizedClientException")
                : assertOpenAiError(response, 401, "authentication_error", null)
                        .path("message")
                        .asString();
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        if (description.equals("SigV4 signature")) {
            assertThat(message).contains("SigV4").contains("AWS_BEARER_TOKEN_BEDROCK");
        }
        for (int i = 1; i < headers.length; i += 2) {
            assertThat(response.body())
                    .as("the body never echoes the credential")
                    .doesNotContain(headers[i]);
        }
        assertThat(response.body()).doesNotContain(TestTenants.TENANT_A_KEY);
        assertThat(bedrockCalls()).isEmpty();
    }

    @Test
    void chatWhenTheKeyIsSentAsXApiKeyThenItWorksLikeBearer() {
        GatewayResponse response = gateway.withApiKey(null)
                .postJson(CHAT, openAiBody(NOVA_LITE_US, "via x-api-key"), "x-api-key", TestTenants.TENANT_A_KEY);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(simulator.lastReceived().signingAccessKeyId()).isEqualTo("AKIATENANTA000000001");
    }

    // (4) a stock AWS SDK client with the tenant key as its Bedrock API key

    @Test
    void converseWhenAStockSyncSdkClientUsesTheTenantKeyAsBearerTokenThenBedrockIsCalledWithTheTenantsKeys() {
        try (BedrockRuntimeClient client = stockClient(TestTenants.TENANT_A_KEY)) {
            ConverseResponse response = client.converse(sdkRequest(NOVA_LITE_US, "Hello stock SDK"));

            assertThat(response.output().message().content().get(0).text())
                    .isEqualTo("Simulated reply to: Hello stock SDK");
        }
        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.operation()).isEqualTo("converse");
        assertThat(upstream.modelId()).isEqualTo(NOVA_LITE_US);
        assertThat(upstream.signingAccessKeyId()).isEqualTo("AKIATENANTA000000001");
        assertThat(upstream.header("authorization")).doesNotContain(TestTenants.TENANT_A_KEY);
    }

    @Test
    void converseWhenAStockSdkClientAsksForAModelItsTenantMayNotUseThenTheSdkRaisesAccessDenied() {
        try (BedrockRuntimeClient client = stockClient(TestTenants.TENANT_A_KEY)) {
            assertThatThrownBy(() -> client.converse(sdkRequest(HAIKU_US, "hi")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("[*nova-lite*]");
        }
        assertThat(bedrockCalls()).isEmpty();
    }

    // (5) rejected credentials: refresh and one retry

    @Test
    void chatWhenBedrockRejectsTheCredentialsOnceThenTheyAreRefreshedAndTheRetrySucceeds() {
        simulator.failRequestsFor(NOVA_LITE_US, SimulatorFault.expiredToken(), 1);

        GatewayResponse response = chat(TestTenants.TENANT_A_KEY, NOVA_LITE_US, "retry me");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(bedrockCalls())
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.signingAccessKeyId()).isEqualTo("AKIATENANTA000000001"));
    }

    @Test
    void chatWhenBedrockAlwaysRejectsTheCredentialsThen403NamesTenantAndSourceAfterExactlyOneRetry() {
        simulator.failRequestsFor(NOVA_LITE_US, SimulatorFault.expiredToken());

        GatewayResponse first = chat(TestTenants.TENANT_A_KEY, NOVA_LITE_US, "hi");

        String message = assertOpenAiError(first, 403, "permission_error", null)
                .path("message")
                .asString();
        assertThat(message)
                .contains("tenant 'tenant-a'")
                .contains("AWS config profile 'tenant-a'")
                .contains("check the AWS config profile 'tenant-a'");
        assertThat(bedrockCalls()).hasSize(2);

        GatewayResponse next = chat(TestTenants.TENANT_A_KEY, NOVA_LITE_US, "hi again");

        assertThat(next.status()).isEqualTo(403);
        assertThat(bedrockCalls())
                .as("the next request tries again, once retried")
                .hasSize(4);
    }

    @Test
    void converseWhenBedrockAlwaysRejectsTheCredentialsThenAccessDeniedInAwsFormatNamesTheSource() {
        simulator.failRequestsFor(NOVA_LITE_US, SimulatorFault.unrecognizedClient());

        GatewayResponse response =
                gateway.withApiKey(TestTenants.TENANT_A_KEY).postJson(wirePath(NOVA_LITE_US), wireBody("hi"));

        assertThat(assertAwsError(response, 403, "AccessDeniedException"))
                .contains("tenant 'tenant-a'")
                .contains("AWS config profile 'tenant-a'");
        assertThat(bedrockCalls()).hasSize(2);
    }

    @Test
    void chatWhenBedrockDeniesAccessToTheModelThenTheCredentialsAreNotRetried() {
        simulator.failRequestsFor(NOVA_LITE_US, SimulatorFault.accessDenied("You don't have access to the model"));

        GatewayResponse response = chat(TestTenants.TENANT_A_KEY, NOVA_LITE_US, "hi");

        assertThat(assertOpenAiError(response, 403, "permission_error", null)
                        .path("message")
                        .asString())
                .isEqualTo("You don't have access to the model");
        assertThat(bedrockCalls()).hasSize(1);
    }

    private GatewayResponse chat(String key, String model, String text) {
        return gateway.withApiKey(key).postJson(CHAT, openAiBody(model, text));
    }

    /** Bedrock Converse calls only: an identity call (STS, SSO) of another tenant never counts. */
    private List<RecordedRequest> bedrockCalls() {
        return simulator.received().stream()
                .filter(request -> "converse".equals(request.operation()))
                .toList();
    }

    private BedrockRuntimeClient stockClient(String apiKey) {
        SdkTokenProvider token = () -> () -> apiKey;
        return BedrockRuntimeClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(token)
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("httpBearerAuth")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static ConverseRequest sdkRequest(String modelId, String text) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(text))
                        .build())
                .build();
    }

    static String openAiBody(String model, String text) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"%s"}]}""".formatted(model, text);
    }

    static String wirePath(String modelId) {
        return "/model/" + modelId.replace(":", "%3A") + "/converse";
    }

    static String wireBody(String text) {
        return """
                {"messages":[{"role":"user","content":[{"text":"%s"}]}]}""".formatted(text);
    }

    /** The {@code tenancy} profile's API keys. */
    static final class TestTenants {

        static final String TENANT_A_KEY = "tenant-a-key-5f1c0e7b";
        /** Configured only as {@code sha256:<hex>}. */
        static final String TENANT_B_KEY = "tenant-b-key-93ad77c2";

        static final String ROLE_TENANT_KEY = "role-tenant-key-0a4d61e9";
        static final String ROLE_REFRESH_KEY = "role-refresh-key-7e22b5d0";
        static final String SSO_TENANT_KEY = "sso-tenant-key-c81f3a46";
        static final String SSO_EXPIRED_KEY = "sso-expired-key-2b9d07f1";
        static final List<String> ALL_KEYS = List.of(
                GatewayClient.DEMO_KEY,
                TENANT_A_KEY,
                TENANT_B_KEY,
                ROLE_TENANT_KEY,
                ROLE_REFRESH_KEY,
                SSO_TENANT_KEY,
                SSO_EXPIRED_KEY);

        private TestTenants() {}

        static String sha256Hex(String key) {
            return HexFormat.of().formatHex(digest("SHA-256", key));
        }

        private static byte[] digest(String algorithm, String text) {
            try {
                return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
