package dev.bedrockgateway.bedrock;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClientBuilder;
import software.amazon.awssdk.services.bedrock.auth.scheme.BedrockAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Builds Bedrock clients with the gateway's shared settings: one Netty connection pool, timeouts,
 * retries, the endpoint (simulator, {@code gateway.bedrock.endpoint}, or the SDK's own resolution of
 * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} and friends) and SigV4 unless a real Bedrock API key is set.
 */
final class BedrockClientFactory {

    private final BedrockProperties properties;
    private final SdkAsyncHttpClient httpClient;
    private final @Nullable BedrockSimulatorConnection simulator;
    private final Region defaultRegion;

    BedrockClientFactory(BedrockProperties properties, SdkAsyncHttpClient httpClient,
            @Nullable BedrockSimulatorConnection simulator) {
        this.properties = properties;
        this.httpClient = httpClient;
        this.simulator = simulator;
        this.defaultRegion = resolveDefaultRegion(properties);
    }

    /** The region of {@code gateway.bedrock.region}, else of the SDK's region chain. */
    Region defaultRegion() {
        return defaultRegion;
    }

    /** Whether calls go to the local simulator. */
    boolean simulated() {
        return simulator != null;
    }

    /** Dummy keys for the simulator: a developer's real credentials are never sent to it. */
    AwsCredentialsProvider simulatorCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-secret"));
    }

    /**
     * A Bedrock Runtime client; {@code retries} false for streams, where a retry would replay events the
     * caller already has. (Two clients rather than a per-request override: a request-level plugin makes the
     * SDK rebuild the client configuration on every call.)
     */
    BedrockRuntimeAsyncClient runtime(Region region, AwsCredentialsProvider credentials, boolean retries) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder();
        configure(builder, region, credentials, retries ? standardRetries() : AwsRetryStrategy.doNotRetry());
        // Complete futures on the Netty thread that read the answer instead of handing them to the SDK's
        // response thread pool: one thread hop less per call. Safe because what runs on completion only maps
        // the answer and schedules the servlet's async dispatch; anything that may block (refreshing
        // credentials, a self-healing retry) hops to an executor first (BedrockChatBackend, ChatService).
        builder.asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                Runnable::run));
        if (simulator == null && properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        if (forceSigV4()) {
            builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
        }
        return builder.build();
    }

    BedrockAsyncClient controlPlane(Region region, AwsCredentialsProvider credentials) {
        BedrockAsyncClientBuilder builder = BedrockAsyncClient.builder();
        // Default completion executor: discovery's paginator resolves credentials as it requests the next page.
        configure(builder, region, credentials, standardRetries());
        if (forceSigV4()) {
            builder.authSchemeProvider(BedrockAuthSchemeProvider.defaultProvider());
        }
        return builder.build();
    }

    private RetryStrategy standardRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(properties.maxAttempts()).build();
    }

    /** The shared settings; one override call, as a second one would replace (not merge) the first. */
    private <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> void configure(B builder, Region region,
            AwsCredentialsProvider credentials, RetryStrategy retryStrategy) {
        builder.httpClient(httpClient)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c
                        .apiCallTimeout(properties.apiCallTimeout())
                        .retryStrategy(retryStrategy));
        if (simulator != null) {
            builder.endpointOverride(simulator.endpoint());
        }
    }

    // The SDK switches to bearer auth when AWS_BEARER_TOKEN_BEDROCK merely exists. A blank one means
    // unset, and a developer's real Bedrock API key must never be sent to the simulator.
    private boolean forceSigV4() {
        String token = System.getProperty("aws.bearerTokenBedrock", System.getenv("AWS_BEARER_TOKEN_BEDROCK"));
        return simulator != null || (token != null && token.isBlank());
    }

    private static Region resolveDefaultRegion(BedrockProperties properties) {
        if (properties.region() != null && !properties.region().isBlank()) {
            return Region.of(properties.region());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("No AWS region for Bedrock: set gateway.bedrock.region, AWS_REGION, "
                    + "or a region in the AWS config profile", e);
        }
    }
}
