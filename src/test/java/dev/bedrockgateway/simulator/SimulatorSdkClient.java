package dev.bedrockgateway.simulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;

/**
 * The real AWS SDK async client, configured the way the simulator tests talk to the simulator;
 * {@link SimulatorExtension} builds one per test class that asks for a {@code BedrockRuntimeAsyncClient}.
 */
final class SimulatorSdkClient implements AutoCloseable {

    static final String ACCESS_KEY_ID = "AKIDSIM";

    /** Passed in explicitly, so the SDK leaves it to us and we can stop it without its quiet period. */
    private final SdkEventLoopGroup eventLoops =
            SdkEventLoopGroup.builder().numberOfThreads(1).build();

    private final BedrockRuntimeAsyncClient client;

    SimulatorSdkClient(BedrockSimulator simulator) {
        client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, "secret")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        // The SDK defaults this service to HTTP/2, which over plain http:// means h2c
                        // prior knowledge; the JDK server behind the simulator only speaks HTTP/1.1.
                        .protocol(Protocol.HTTP1_1)
                        .eventLoopGroup(eventLoops))
                // An explicit auth scheme provider stops the SDK from switching to bearer auth when
                // AWS_BEARER_TOKEN_BEDROCK happens to be set, so requests are always SigV4-signed.
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider())
                // Faults must reach the test once, not be retried (ModelNotReady would be retried 5 times).
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    BedrockRuntimeAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Waits for a call that is expected to fail and returns the SDK exception it failed with. */
    static BedrockRuntimeException failureOf(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BedrockRuntimeException bedrock) {
                return bedrock;
            }
            throw new AssertionError("Expected a BedrockRuntimeException but got " + e.getCause(), e.getCause());
        }
        throw new AssertionError("Expected the call to fail, but it succeeded");
    }
}
