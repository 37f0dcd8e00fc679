package dev.bedrockgateway.bedrock;

import com.sun.net.httpserver.HttpServer;
import dev.bedrockgateway.api.openai.OpenAiChatRequest;
import dev.bedrockgateway.api.openai.OpenAiRequestTranslator;
import dev.bedrockgateway.api.openai.OpenAiRequestTranslatorBenchmark;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One non-streaming Converse call as the gateway makes it, against a loopback server that answers at once with
 * a fixed body: through the AWS SDK's client (its pipeline: marshalling, interceptors, endpoint rules, SigV4,
 * timeouts, retries, unmarshalling, then {@link ConverseResponseMapper}), against a lean call that does only
 * what a successful call needs (the core request as JSON, the SDK's SigV4 signer, the same Apache 5 client
 * library, the answer bound by Jackson). The difference is the most that replacing the SDK's pipeline could
 * save per call; the lean call has no retries, timeouts or error mapping, so it is a floor, not a design.
 * Also unlike production: the lean body is the core request's JSON (Converse-shaped, not byte-identical), its
 * Apache client keeps the library's defaults, and both run on JMH's platform thread, not a virtual thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConverseCallBenchmark {

    private static final String BEDROCK_MODEL_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final byte[] ANSWER = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello from the fake Bedrock."}]}},\
            "stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":8,"totalTokens":20},\
            "metrics":{"latencyMs":1}}""".getBytes(StandardCharsets.UTF_8);

    /** The part of a Converse answer the lean call reads. */
    record Answer(Output output, String stopReason, Usage usage) {
        record Output(Message message) {}

        record Usage(int inputTokens, int outputTokens, int totalTokens) {}
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final AwsCredentialsProvider credentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCHMARK", "bench-secret"));
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private HttpServer server;
    private ExecutorService serverThread;
    private SdkHttpClient sdkHttpClient;
    private BedrockClientFactory factory;
    private BedrockRuntimeClient sdkClient;
    private CloseableHttpClient leanClient;
    private URI converseUri;
    private ChatRequest request;

    @Setup
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        serverThread = Executors.newSingleThreadExecutor();
        server.setExecutor(serverThread);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        converseUri =
                endpoint.resolve("/model/" + URLEncoder.encode(BEDROCK_MODEL_ID, StandardCharsets.UTF_8) + "/converse");

        // The production client: BedrockClientConfiguration's Apache 5 settings, BedrockClientFactory's client.
        sdkHttpClient = Apache5HttpClient.builder()
                .maxConnections(1000)
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionAcquisitionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ZERO)
                .build();
        factory = new BedrockClientFactory(
                new BedrockProperties(
                        "us-east-1",
                        endpoint,
                        null,
                        null,
                        BedrockProperties.Auth.SIGV4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(120),
                        Duration.ofMinutes(10),
                        1000,
                        2),
                sdkHttpClient,
                null,
                BedrockClientConfiguration.bedrockTimers());
        sdkClient = factory.runtime(Region.US_EAST_1, credentials);
        leanClient = HttpClients.custom()
                .setConnectionManager(
                        PoolingHttpClientConnectionManagerBuilder.create().build())
                .build();

        request = OpenAiRequestTranslator.toChatRequest(
                json.readValue(OpenAiRequestTranslatorBenchmark.BODY, OpenAiChatRequest.class),
                (url, field) -> {
                    throw GatewayException.invalid(field, "no images in this benchmark");
                },
                json);
    }

    @TearDown
    public void tearDown() throws IOException {
        sdkClient.close();
        factory.close();
        sdkHttpClient.close();
        leanClient.close();
        server.stop(0);
        serverThread.shutdownNow();
    }

    /** What BedrockChatBackend does for a non-streaming call. */
    @Benchmark
    public ChatResponse sdkPipeline() {
        return ConverseResponseMapper.fromSdk(
                BEDROCK_MODEL_ID, sdkClient.converse(ConverseRequestMapper.toSdk(BEDROCK_MODEL_ID, request)));
    }

    /** The same answer with only serialisation, SigV4 and one HTTP exchange. */
    @Benchmark
    public ChatResponse leanCall() throws IOException {
        byte[] body = json.writeValueAsBytes(request);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(converseUri)
                .putHeader("Content-Type", "application/json")
                .build();
        SignedRequest signed = signer.sign(sign -> sign.identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpPost post = new HttpPost(converseUri);
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> post.addHeader(name, value));
            }
        });
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        byte[] answer = leanClient.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
        Answer parsed = json.readValue(answer, Answer.class);
        return new ChatResponse(
                BEDROCK_MODEL_ID,
                new Message(
                        Role.ASSISTANT,
                        List.of(ContentBlock.text(parsed.output().message().text()))),
                parsed.stopReason(),
                new TokenUsage(
                        parsed.usage().inputTokens(),
                        parsed.usage().outputTokens(),
                        parsed.usage().totalTokens(),
                        null,
                        null),
                1,
                null);
    }
}
