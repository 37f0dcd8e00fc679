package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * How the factory's clients sign with a Bedrock API key in the environment: {@code gateway.bedrock.auth=auto}
 * lets the SDK send it, {@code sigv4} never does (what the simulator relies on to keep a developer's key local).
 */
class BedrockClientFactoryTest {

    private static final String TOKEN_PROPERTY = "aws.bearerTokenBedrock";
    private static final String API_KEY = "bedrock-api-key-never-sent";

    private final BedrockSimulator simulator = BedrockSimulator.start(0);
    private final BedrockClientConfiguration configuration = new BedrockClientConfiguration();

    @AfterEach
    void close() {
        System.clearProperty(TOKEN_PROPERTY);
        simulator.close();
    }

    @Test
    void runtimeWhenAuthIsSigV4ThenAnApiKeyInTheEnvironmentIsNeverSent() {
        RecordedRequest call = converseWithApiKeySet(BedrockProperties.Auth.SIGV4);

        assertThat(call.signingAccessKeyId()).isEqualTo("AKIDTEST");
        assertThat(call.header("authorization")).doesNotContain(API_KEY);
    }

    @Test
    void runtimeWhenAuthIsAutoThenTheSdkSendsTheApiKey() {
        RecordedRequest call = converseWithApiKeySet(BedrockProperties.Auth.AUTO);

        assertThat(call.header("authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(call.signingAccessKeyId()).isNull();
    }

    private RecordedRequest converseWithApiKeySet(BedrockProperties.Auth auth) {
        System.setProperty(TOKEN_PROPERTY, API_KEY);
        BedrockProperties properties = new BedrockProperties(
                "us-east-1",
                simulator.endpoint(),
                null,
                null,
                auth,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                4,
                1);
        try (SdkHttpClient http = configuration.bedrockSyncHttpClient(properties);
                BedrockClientFactory factory =
                        new BedrockClientFactory(properties, http, null, BedrockClientConfiguration.bedrockTimers());
                BedrockRuntimeClient runtime = factory.runtime(
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            runtime.converse(request -> request.modelId("us.amazon.nova-lite-v1:0")
                    .messages(Message.builder()
                            .role(ConversationRole.USER)
                            .content(ContentBlock.fromText("hi"))
                            .build()));
        }
        return simulator.lastReceived();
    }
}
