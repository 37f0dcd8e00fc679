package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Pins that an answered call leaves no timer behind. Every SDK call the factory's clients make arms its API-call
 * timeout on the shared timers; a pool without remove-on-cancel would keep each cancelled one queued for the
 * whole timeout (10 minutes by default), a steady leak under load. The clients and timers are the production
 * ones, built as {@link BedrockClientConfiguration} builds them, against the simulator.
 */
class BedrockTimersIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";

    private final BedrockSimulator simulator = BedrockSimulator.start(0);
    private final BedrockClientConfiguration configuration = new BedrockClientConfiguration();
    private final BedrockProperties properties = new BedrockProperties(
            "us-east-1",
            simulator.endpoint(),
            null,
            null,
            BedrockProperties.Auth.SIGV4,
            Duration.ofSeconds(5),
            Duration.ofSeconds(120),
            Duration.ofMinutes(10),
            10,
            2);
    private final SdkHttpClient syncHttp = configuration.bedrockSyncHttpClient(properties);
    private final SdkAsyncHttpClient asyncHttp = configuration.bedrockHttpClient(properties);
    private final TickTimer timers = BedrockClientConfiguration.bedrockTimers();

    @AfterEach
    void close() {
        timers.shutdownNow();
        syncHttp.close();
        asyncHttp.close();
        simulator.close();
    }

    @Test
    void callsWhenAnsweredThenLeaveNoTimerArmed() throws Exception {
        BedrockClientFactory factory = new BedrockClientFactory(properties, syncHttp, asyncHttp, timers);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        try (BedrockRuntimeClient runtime = factory.runtime(Region.US_EAST_1, credentials);
                BedrockRuntimeAsyncClient streams = factory.streamRuntime(Region.US_EAST_1, credentials)) {
            Message hi = Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText("hi"))
                    .build();
            for (int i = 0; i < 20; i++) {
                assertThat(runtime.converse(request -> request.modelId(MODEL).messages(hi))
                                .stopReasonAsString())
                        .isEqualTo("end_turn");
                streams.converseStream(
                                request -> request.modelId(MODEL).messages(hi),
                                ConverseStreamResponseHandler.builder()
                                        .onEventStream(events -> events.subscribe(event -> {}))
                                        .build())
                        .get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(timers.shutdownNow())
                .as("timers still armed after every call was answered")
                .isEmpty();
        assertThat(simulator.received()).hasSize(40);
    }
}
