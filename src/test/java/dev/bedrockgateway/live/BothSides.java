package dev.bedrockgateway.live;

import dev.bedrockgateway.simulator.BedrockSimulator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * The two sides every live test compares: real Bedrock, reached with the {@link LiveBedrockSettings}, and a
 * {@link BedrockSimulator} started here. Both use the same stock SDK clients; only what must differ differs:
 * <ul>
 *   <li>real Bedrock: the configured region and credentials, the SDK's default retries (so that a throttled
 *       call does not fail the suite), and an empty profile file, so that the test AWS config surefire points
 *       to cannot change the endpoint;
 *   <li>simulator: {@code endpointOverride}, dummy keys, no retries, and HTTP/1.1 for the async client, as the
 *       simulator's Javadoc requires.
 * </ul>
 * Both clients name their auth scheme provider, so that requests are SigV4-signed even if
 * {@code AWS_BEARER_TOKEN_BEDROCK} is set.
 */
final class BothSides implements AutoCloseable {

    /** Settings that would send the "real" client somewhere else than Bedrock; the suite refuses to run with them. */
    private static final List<String> ENDPOINT_PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlBedrockRuntime");

    private static final List<String> ENDPOINT_VARIABLES =
            List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME");

    private final LiveBedrockSettings settings;
    private final BedrockSimulator simulator;
    private final Side real;
    private final Side simulated;

    private BothSides(LiveBedrockSettings settings, BedrockSimulator simulator, Side real, Side simulated) {
        this.settings = settings;
        this.simulator = simulator;
        this.real = real;
        this.simulated = simulated;
    }

    /** Reads the settings, starts a simulator and builds the clients for both sides. */
    static BothSides start() {
        refuseEndpointRedirection();
        LiveBedrockSettings settings = LiveBedrockSettings.from(System.getenv());
        Side real = real(settings);
        BedrockSimulator simulator = BedrockSimulator.start(0);
        return new BothSides(settings, simulator, real, simulated(settings, simulator));
    }

    LiveBedrockSettings settings() {
        return settings;
    }

    /** The simulator behind {@link #simulated()}, to configure faults as the gateway's tests do. */
    BedrockSimulator simulator() {
        return simulator;
    }

    Side real() {
        return real;
    }

    Side simulated() {
        return simulated;
    }

    @Override
    public void close() {
        real.close();
        simulated.close();
        simulator.close();
    }

    private static Side real(LiveBedrockSettings settings) {
        ProfileFile noProfiles = ProfileFile.builder()
                .content("")
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(Apache5HttpClient.builder())
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                .overrideConfiguration(c -> c.apiCallTimeout(Side.CALL_TIMEOUT).defaultProfileFile(noProfiles))
                .build();
        BedrockRuntimeAsyncClient asyncClient = BedrockRuntimeAsyncClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                .overrideConfiguration(c -> c.apiCallTimeout(Side.CALL_TIMEOUT).defaultProfileFile(noProfiles))
                .build();
        return new Side("real Bedrock", client, asyncClient);
    }

    private static Side simulated(LiveBedrockSettings settings, BedrockSimulator simulator) {
        StaticCredentialsProvider dummy =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLIVESIMULATOR", "secret"));
        BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(settings.region())
                .credentialsProvider(dummy)
                .httpClientBuilder(Apache5HttpClient.builder())
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Side.CALL_TIMEOUT).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        BedrockRuntimeAsyncClient asyncClient = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(settings.region())
                .credentialsProvider(dummy)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Side.CALL_TIMEOUT).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new Side("simulator", client, asyncClient);
    }

    /** Another test may have pointed every Bedrock client elsewhere; then "real" would not be real. */
    private static void refuseEndpointRedirection() {
        for (String property : ENDPOINT_PROPERTIES) {
            if (System.getProperty(property) != null) {
                throw new IllegalStateException("System property " + property + " is set, so the live tests would"
                        + " not reach real Bedrock; clear it first");
            }
        }
        for (String variable : ENDPOINT_VARIABLES) {
            if (System.getenv(variable) != null) {
                throw new IllegalStateException("Environment variable " + variable + " is set, so the live tests"
                        + " would not reach real Bedrock; unset it first");
            }
        }
    }
}
