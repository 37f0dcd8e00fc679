package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput.EventType;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/** The fake as the real AWS SDK v2 sees it: if the SDK parses it, the gateway's Bedrock client will too. */
@Timeout(30)
class FakeBedrockTest {

    private static final int DELTAS = 5;

    private static final List<String> SENT_PATHS = new CopyOnWriteArrayList<>();

    private static int port;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;
    private static SdkAsyncHttpClient nettyClient;

    @BeforeAll
    static void startFakeAndClients() {
        port = FakeBedrockFixture.port(DELTAS, 0, 0);
        ExecutionInterceptor recordPath = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SENT_PATHS.add(context.httpRequest().encodedPath());
            }
        };
        // No retries: a response the SDK cannot parse must fail the test at once, not after three tries.
        ClientOverrideConfiguration configuration = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(recordPath)
                .build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-never-used"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        client = BedrockRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).overrideConfiguration(configuration).build();
        // Built on its own, as the gateway builds it (BedrockClientConfiguration): HTTP/1.1, the builder's default.
        // Through httpClientBuilder() the service's default, HTTP/2, would apply: over http:// that is h2c prior
        // knowledge, which the fake (HTTP/1.1 only) answers with a response the SDK cannot read as SETTINGS.
        nettyClient = NettyNioAsyncHttpClient.builder().build();
        asyncClient = BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).overrideConfiguration(configuration)
                .httpClient(nettyClient).build();
    }

    @AfterAll
    static void closeClients() {
        client.close();
        asyncClient.close();
        nettyClient.close();
    }

    @BeforeEach
    void forgetPaths() {
        SENT_PATHS.clear();
    }

    @Test
    void converseWhenModelIdHasAColonThenAcceptsItUrlEncodedAndAnswersTheFixedReply() {
        ConverseResponse response = client.converse(converseRequest());

        assertThat(SENT_PATHS).containsExactly("/model/" + Systems.PROFILE.replace(":", "%3A") + "/converse");
        assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(response.output().message().content()).extracting(ContentBlock::text)
                .containsExactly("Hello from the fake Bedrock.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isEqualTo(12);
        assertThat(response.usage().outputTokens()).isEqualTo(8);
        assertThat(response.usage().totalTokens()).isEqualTo(20);
        assertThat(response.responseMetadata().requestId()).isEqualTo("fake-request");
    }

    @Test
    void converseWhenCalledAgainThenAnswersTheSameBytesEachTime() {
        ConverseResponse first = client.converse(converseRequest());
        ConverseResponse second = client.converse(converseRequest());

        // The reply is one buffer written as a duplicate: a consumed or released original would show here.
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(second.usage()).isEqualTo(first.usage());
    }

    @Test
    void converseStreamWhenFakeStreamsDeltasThenSdkDecodesEveryFrameInOrder() throws Exception {
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(events::add)
                .build();

        asyncClient.converseStream(converseStreamRequest(), handler)
                .get(20, TimeUnit.SECONDS);

        assertThat(SENT_PATHS).containsExactly("/model/" + Systems.PROFILE.replace(":", "%3A") + "/converse-stream");
        List<EventType> expectedTypes = new ArrayList<>(List.of(EventType.MESSAGE_START));
        IntStream.range(0, DELTAS).forEach(i -> expectedTypes.add(EventType.CONTENT_BLOCK_DELTA));
        expectedTypes.addAll(List.of(EventType.CONTENT_BLOCK_STOP, EventType.MESSAGE_STOP, EventType.METADATA));
        assertThat(events).extracting(ConverseStreamOutput::sdkEventType).containsExactlyElementsOf(expectedTypes);

        List<String> deltas = events.stream().filter(ContentBlockDeltaEvent.class::isInstance)
                .map(event -> ((ContentBlockDeltaEvent) event).delta().text()).toList();
        assertThat(deltas).containsExactlyElementsOf(IntStream.range(0, DELTAS).mapToObj(i -> "tok" + i + " ").toList());
        // The load generator times the first token by this marker: it must be in the first delta, and only there.
        assertThat(deltas.get(0)).startsWith(FakeBedrock.FIRST_TOKEN_MARKER);
        assertThat(deltas.subList(1, DELTAS)).noneMatch(text -> text.contains(FakeBedrock.FIRST_TOKEN_MARKER));

        MessageStopEvent stop = (MessageStopEvent) events.get(events.size() - 2);
        assertThat(stop.stopReason()).isEqualTo(StopReason.END_TURN);
        ConverseStreamMetadataEvent metadata = (ConverseStreamMetadataEvent) events.get(events.size() - 1);
        assertThat(metadata.usage().inputTokens()).isEqualTo(12);
        assertThat(metadata.usage().outputTokens()).isEqualTo(DELTAS);
        assertThat(metadata.usage().totalTokens()).isEqualTo(12 + DELTAS);
    }

    @Test
    void theWarmUpModelStreamsWithoutThePausesOtherModelsGet() throws Exception {
        // Five deltas 3 s apart: 15 s for any other model; the warm-up model's whole stream is due long before.
        URI slowFake = URI.create("http://127.0.0.1:" + FakeBedrockFixture.port(DELTAS, 0, 3_000));
        try (BedrockRuntimeAsyncClient slow = BedrockRuntimeAsyncClient.builder().endpointOverride(slowFake)
                .region(Region.US_EAST_1).httpClient(nettyClient)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-never-used")))
                .build()) {
            List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();

            slow.converseStream(ConverseStreamRequest.builder().modelId("us." + Systems.WARM_UP_MODEL)
                                    .messages(userMessage()).build(),
                            ConverseStreamResponseHandler.builder().subscriber(events::add).build())
                    .get(8, TimeUnit.SECONDS);

            assertThat(events).filteredOn(ContentBlockDeltaEvent.class::isInstance).hasSize(DELTAS);
        }
    }

    @Test
    void invokeModelWhenOperationIsNotFakedThenSdkSeesA404WithItsErrorType() {
        assertThatThrownBy(() -> client.invokeModel(request -> request.modelId(Systems.PROFILE)
                .body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                });
        assertThat(SENT_PATHS).containsExactly("/model/" + Systems.PROFILE.replace(":", "%3A") + "/invoke");
    }

    @Test
    void requestWhenPathIsNoModelOperationThenAnswers404AndKeepsTheConnectionOpen() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            String first = exchange(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            String second = exchange(socket, "GET /model/x/converse/extra HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(first).startsWith("HTTP/1.1 404 Not Found").contains("{\"message\":\"Unknown operation\"}");
            assertThat(second).startsWith("HTTP/1.1 404 Not Found");
        }
    }

    private static ConverseRequest converseRequest() {
        return ConverseRequest.builder().modelId(Systems.PROFILE).messages(userMessage()).build();
    }

    private static ConverseStreamRequest converseStreamRequest() {
        return ConverseStreamRequest.builder().modelId(Systems.PROFILE).messages(userMessage()).build();
    }

    private static Message userMessage() {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("Say hello.")).build();
    }

    /** Writes one request and reads one response of known length (the fake always sends Content-Length). */
    private static String exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        int length = head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElseThrow();
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
