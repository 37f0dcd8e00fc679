package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import tools.jackson.databind.JsonNode;

/**
 * Tenants' limits over real HTTP, seen by the stock OpenAI and AWS SDKs: what is refused, with which code, headers
 * and exception class, and that one tenant's refusals never touch another tenant.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.limits.max-in-flight=4",
            "gateway.tenants.rpm.api-keys[0]=" + TenantLimitsIntegrationTest.RPM_KEY,
            "gateway.tenants.rpm.limits.requests-per-minute=3",
            "gateway.tenants.rpm-wire.api-keys[0]=" + TenantLimitsIntegrationTest.RPM_WIRE_KEY,
            "gateway.tenants.rpm-wire.limits.requests-per-minute=1",
            "gateway.tenants.noisy.api-keys[0]=" + TenantLimitsIntegrationTest.NOISY_KEY,
            "gateway.tenants.noisy.limits.requests-per-minute=2",
            "gateway.tenants.quiet.api-keys[0]=" + TenantLimitsIntegrationTest.QUIET_KEY,
            "gateway.tenants.tokens.api-keys[0]=" + TenantLimitsIntegrationTest.TOKENS_KEY,
            "gateway.tenants.tokens.limits.tokens-per-minute=500",
            "gateway.tenants.busy.api-keys[0]=" + TenantLimitsIntegrationTest.BUSY_KEY,
            "gateway.tenants.busy.limits.concurrent-requests=1",
            "gateway.tenants.budget.api-keys[0]=" + TenantLimitsIntegrationTest.BUDGET_KEY,
            "gateway.tenants.budget.allowed-models[0]=*nova-lite*",
            "gateway.tenants.budget.limits.budget.usd-per-day=0.000001"
        })
class TenantLimitsIntegrationTest {

    static final String RPM_KEY = "rpm-key-1d2f";
    static final String RPM_WIRE_KEY = "rpm-wire-key-77ae";
    static final String NOISY_KEY = "noisy-key-3f60";
    static final String QUIET_KEY = "quiet-key-92b4";
    static final String TOKENS_KEY = "tokens-key-5c3b";
    static final String BUSY_KEY = "busy-key-0e9a";
    static final String BUDGET_KEY = "budget-key-a4c1";
    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    InFlightLimit inFlight;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @Test
    void countingInMemoryTheGatewayHasNoRedisClientAtAll(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(gateway.get("/actuator/health").status()).isEqualTo(200);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        simulator.delayResponses(Duration.ZERO);
        simulator.delayStreamDeltas(Duration.ZERO);
    }

    @Test
    void theOpenAiSdkSeesTheRateLimitHeadersAndThenTheGatewaysOwn429() {
        OpenAIClient client = openAi(RPM_KEY);
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponseFor<ChatCompletion> response =
                    client.chat().completions().withRawResponse().create(params(50));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().values("x-ratelimit-limit-requests")).containsExactly("3");
            remaining.add(
                    response.headers().values("x-ratelimit-remaining-requests").get(0));
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        RateLimitException refused = catchThrowableOfType(
                RateLimitException.class, () -> client.chat().completions().create(params(50)));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.code()).hasValue("tenant_rate_limited");
        assertThat(refused.type()).hasValue("rate_limit_error");
        assertThat(refused.getMessage()).contains("Tenant 'rpm'", "3 requests per minute");
        assertThat(Long.parseLong(refused.headers().values("Retry-After").get(0)))
                .isBetween(1L, 20L);
        assertThat(Long.parseLong(refused.headers().values("retry-after-ms").get(0)))
                .isBetween(1L, 20_000L);
        assertThat(refused.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
        assertThat(simulator.received()).hasSize(3);
    }

    @Test
    void oneTenantOverItsLimitNeverRefusesAnother() {
        OpenAIClient noisy = openAi(NOISY_KEY);
        noisy.chat().completions().create(params(20));
        noisy.chat().completions().create(params(20));
        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowableOfType(
                            RateLimitException.class,
                            () -> noisy.chat().completions().create(params(20))))
                    .isNotNull();
        }

        OpenAIClient quiet = openAi(QUIET_KEY);
        for (int i = 0; i < 10; i++) {
            HttpResponseFor<ChatCompletion> other =
                    quiet.chat().completions().withRawResponse().create(params(20));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().names()).noneMatch(name -> name.startsWith("x-ratelimit"));
        }
    }

    @Test
    void theAwsSdkSeesThrottlingExceptionOnTheBedrockWire() {
        BedrockRuntimeClient client = bedrock(RPM_WIRE_KEY);
        client.converse(converse());

        BedrockRuntimeException refused =
                catchThrowableOfType(BedrockRuntimeException.class, () -> client.converse(converse()));

        assertThat(refused).isInstanceOf(ThrottlingException.class);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.awsErrorDetails().errorMessage()).contains("Tenant 'rpm-wire'", "1 requests per minute");
        assertThat(refused.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
                .isPresent();
    }

    @Test
    void aTokenReservationHoldsWhileTheCallRunsAndIsSettledWhenItEnds() throws Exception {
        simulator.delayResponses(Duration.ofMillis(1500));
        CompletableFuture<HttpResponse<String>> big = send(TOKENS_KEY, chatBody(5_000));
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 1);

        GatewayResponse refused = gateway.withApiKey(TOKENS_KEY).postJson("/v1/chat/completions", chatBody(100));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().at("/error/code").asString()).isEqualTo("tenant_rate_limited");
        assertThat(refused.json().at("/error/message").asString()).contains("500 tokens per minute");
        assertThat(big.get().statusCode()).isEqualTo(200);
        simulator.delayResponses(Duration.ZERO);

        // The big call used a few dozen tokens, not the 500 it reserved: the rest is back at once.
        GatewayResponse after = gateway.withApiKey(TOKENS_KEY).postJson("/v1/chat/completions", chatBody(100));
        assertThat(after.status()).isEqualTo(200);
        assertThat(Long.parseLong(after.header("x-ratelimit-remaining-tokens"))).isGreaterThan(300);
    }

    @Test
    void aTenantAtItsConcurrencyLimitIsRefusedUntilItsCallEnds() throws Exception {
        simulator.delayResponses(Duration.ofMillis(1500));
        CompletableFuture<HttpResponse<String>> first = send(BUSY_KEY, chatBody(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 1);

        RateLimitException refused = catchThrowableOfType(
                RateLimitException.class,
                () -> openAi(BUSY_KEY).chat().completions().create(params(20)));

        assertThat(refused.code()).hasValue("tenant_concurrency_exceeded");
        assertThat(first.get().statusCode()).isEqualTo(200);
        simulator.delayResponses(Duration.ZERO);
        assertThat(openAi(BUSY_KEY).chat().completions().create(params(20)).choices())
                .isNotEmpty();
    }

    @Test
    void aStreamHoldsItsTenantsPlaceUntilItEndsAndIsSettledWithItsUsage() throws Exception {
        simulator.delayStreamDeltas(Duration.ofMillis(200));
        String streamed = chatBody(20).replace("{\"model\"", "{\"stream\":true,\"model\"");
        CompletableFuture<HttpResponse<String>> stream = send(BUSY_KEY, streamed);
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 1);

        GatewayResponse refused = gateway.withApiKey(BUSY_KEY).postJson("/v1/chat/completions", chatBody(10));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().at("/error/code").asString()).isEqualTo("tenant_concurrency_exceeded");
        assertThat(stream.get().body()).contains("data: [DONE]");
        simulator.delayStreamDeltas(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.withApiKey(BUSY_KEY)
                                .get("/v1/usage")
                                .json()
                                .at("/limits/concurrent_requests/in_flight")
                                .asLong()
                        == 0);
        JsonNode usage = gateway.withApiKey(BUSY_KEY).get("/v1/usage").json();
        assertThat(usage.at("/today/output_tokens").asLong())
                .as("settled with the stream's usage")
                .isPositive();
    }

    @Test
    void aSpentBudgetIsRefusedAsABudgetOnEverySurfaceAndUsageShowsTheCost() {
        openAi(BUDGET_KEY).chat().completions().create(params(20));

        RateLimitException refused = catchThrowableOfType(
                RateLimitException.class,
                () -> openAi(BUDGET_KEY).chat().completions().create(params(20)));
        BedrockRuntimeException wire = catchThrowableOfType(
                BedrockRuntimeException.class, () -> bedrock(BUDGET_KEY).converse(converse()));

        assertThat(refused.code()).hasValue("tenant_budget_exceeded");
        assertThat(wire).isInstanceOf(ServiceQuotaExceededException.class);
        assertThat(wire.statusCode()).isEqualTo(429);
        JsonNode usage = gateway.withApiKey(BUDGET_KEY).get("/v1/usage").json();
        assertThat(usage.get("tenant").asString()).isEqualTo("budget");
        assertThat(usage.at("/today/requests").asLong()).isEqualTo(1);
        assertThat(usage.at("/today/cost_usd").decimalValue()).isPositive();
        assertThat(usage.at("/limits/budget/usd_per_day/remaining").decimalValue())
                .isZero();
        String metrics = gateway.withApiKey(null).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("gateway_cost_usd_total\\{[^}]*tenant=\"budget\"[^}]*} [0-9.E-]+");
        assertThat(metrics).contains("gateway_limit_refusals_total{limit=\"budget\",tenant=\"budget\"}");
    }

    @Test
    void usageShowsOnlyTheCallersOwnTenant() {
        openAi(QUIET_KEY).chat().completions().create(params(10));

        GatewayResponse usage = gateway.withApiKey(BUSY_KEY).get("/v1/usage");

        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.body()).contains("\"tenant\":\"busy\"").doesNotContain("quiet");
        assertThat(usage.json().at("/limits/concurrent_requests/limit").asInt()).isEqualTo(1);
    }

    @Test
    void theOperatorsUsageEndpointListsEveryTenantWithItsLimits() {
        openAi(QUIET_KEY).chat().completions().create(params(10));

        // The local profile opens management endpoints on the API port; elsewhere they need the management token.
        JsonNode tenants =
                gateway.withApiKey(null).get("/actuator/usage").json().get("tenants");

        assertThat(tenants.valueStream().map(tenant -> tenant.get("tenant").asString()))
                .contains("busy", "budget", "demo", "quiet", "rpm")
                .isSorted();
        assertThat(tenants.valueStream()
                        .filter(tenant -> tenant.get("tenant").asString().equals("quiet")))
                .singleElement()
                .satisfies(quiet ->
                        assertThat(quiet.at("/today/requests").asLong()).isPositive());
        assertThat(tenants.valueStream()
                        .filter(tenant -> tenant.get("tenant").asString().equals("busy")))
                .singleElement()
                .satisfies(busy -> assertThat(
                                busy.at("/limits/concurrent_requests/limit").asInt())
                        .isEqualTo(1));
    }

    @Test
    void aFullReplicaShedsNewCallsWith503AndRetryAfterOnEverySurface() throws Exception {
        simulator.delayResponses(Duration.ofMillis(1500));
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(send(GatewayClient.DEMO_KEY, chatBody(10)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 4);

        InternalServerException shed = catchThrowableOfType(
                InternalServerException.class,
                () -> openAi(GatewayClient.DEMO_KEY).chat().completions().create(params(10)));
        BedrockRuntimeException wire = catchThrowableOfType(
                BedrockRuntimeException.class,
                () -> bedrock(GatewayClient.DEMO_KEY).converse(converse()));

        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.code()).hasValue("overloaded");
        assertThat(shed.headers().values("Retry-After")).containsExactly("1");
        assertThat(wire).isInstanceOf(ServiceUnavailableException.class);
        assertThat(wire.statusCode()).isEqualTo(503);
        assertThat(gateway.get("/actuator/health/readiness").status())
                .as("a full replica is still ready")
                .isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> call : held) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        simulator.delayResponses(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 0);
        assertThat(openAi(GatewayClient.DEMO_KEY)
                        .chat()
                        .completions()
                        .create(params(10))
                        .choices())
                .isNotEmpty();
    }

    /**
     * The reason the servlet container is Jetty: Tomcat closes the connection after any 503, so under overload every
     * shed call cost its caller a new connection (docs/performance.md). Two calls on one connection, both shed.
     */
    @Test
    void aShedCallLeavesItsConnectionOpenForTheCallersNextCall() throws Exception {
        simulator.delayResponses(Duration.ofMillis(1500));
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(send(GatewayClient.DEMO_KEY, chatBody(10)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.inFlight() == 4);
        byte[] body = chatBody(10).getBytes(StandardCharsets.UTF_8);
        byte[] request = ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + GatewayClient.DEMO_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket("localhost", gateway.baseUri().getPort())) {
            socket.setSoTimeout(5_000);
            for (int call = 1; call <= 2; call++) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                String head = readAnswer(socket.getInputStream());

                assertThat(head).as("call %d", call).startsWith("HTTP/1.1 503");
                assertThat(head.toLowerCase(Locale.ROOT))
                        .as("call %d", call)
                        .contains("retry-after: 1")
                        .doesNotContain("connection: close");
            }
        }
        for (CompletableFuture<HttpResponse<String>> call : held) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
    }

    /** Reads one HTTP/1.1 answer, its body whole (by length or chunked), and returns its status line and headers. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection is open").isNotNegative();
            head.append((char) b);
        }
        String headers = head.toString().toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("content-length: (\\d+)").matcher(headers);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else {
            assertThat(headers).contains("transfer-encoding: chunked");
            int size;
            do {
                String line = readLine(in);
                size = Integer.parseInt(line.strip(), 16);
                in.readNBytes(size);
                readLine(in);
            } while (size > 0);
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private OpenAIClient openAi(String key) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUri() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .build();
        clients.add(client::close);
        return client;
    }

    private BedrockRuntimeClient bedrock(String key) {
        BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(() -> () -> key)
                .authSchemeProvider(SdkClients.BEARER_FIRST)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    private static ChatCompletionCreateParams params(long maxTokens) {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Hello limits")
                .maxCompletionTokens(maxTokens)
                .build();
    }

    private static ConverseRequest converse() {
        return ConverseRequest.builder()
                .modelId(MODEL)
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText("Hello wire"))
                        .build())
                .build();
    }

    private static String chatBody(int maxTokens) {
        return """
                {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"Hello limits"}]}""".formatted(MODEL, maxTokens);
    }

    private CompletableFuture<HttpResponse<String>> send(String key, String body) {
        HttpRequest request = gateway.withApiKey(key)
                .request("/v1/chat/completions", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
