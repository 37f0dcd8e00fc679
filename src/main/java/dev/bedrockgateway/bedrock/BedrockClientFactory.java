package dev.bedrockgateway.bedrock;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClientBuilder;
import software.amazon.awssdk.services.bedrock.auth.scheme.BedrockAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Builds Bedrock clients with the gateway's shared settings: the connection pools, timeouts, retries, the
 * endpoints ({@code gateway.bedrock.endpoint} and {@code control-plane-endpoint}, or the SDK's own resolution of
 * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} and friends) and the signer ({@code gateway.bedrock.auth}).
 */
final class BedrockClientFactory implements AutoCloseable {

    private final BedrockProperties properties;
    private final SdkHttpClient syncHttpClient;
    private final SdkAsyncHttpClient asyncHttpClient;
    private final Region defaultRegion;
    /** Every client's timeouts and retry back-off (see {@code BedrockClientConfiguration#bedrockTimers}). */
    private final ScheduledExecutorService timers;

    BedrockClientFactory(
            BedrockProperties properties,
            SdkHttpClient syncHttpClient,
            SdkAsyncHttpClient asyncHttpClient,
            ScheduledExecutorService timers) {
        this.properties = properties;
        this.syncHttpClient = syncHttpClient;
        this.asyncHttpClient = asyncHttpClient;
        this.timers = timers;
        this.defaultRegion = resolveDefaultRegion(properties);
    }

    /** Stops the timers it was given: the clients it built are closed with their tenants. */
    @Override
    public void close() {
        timers.shutdownNow();
    }

    /** The region of {@code gateway.bedrock.region}, else of the SDK's region chain. */
    Region defaultRegion() {
        return defaultRegion;
    }

    /** A Bedrock Runtime client for Converse, blocking the calling thread, with retries. */
    BedrockRuntimeClient runtime(Region region, AwsCredentialsProvider credentials) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder().httpClient(syncHttpClient);
        configureRuntime(builder, region, credentials, standardRetries(), properties.readTimeout());
        return builder.build();
    }

    /**
     * A Bedrock Runtime client for ConverseStream, without retries: a retry would replay events the caller
     * already has. (A client of its own rather than a per-request override: a request-level plugin makes the
     * SDK rebuild the client configuration on every call.)
     */
    BedrockRuntimeAsyncClient streamRuntime(Region region, AwsCredentialsProvider credentials) {
        BedrockRuntimeAsyncClientBuilder builder =
                BedrockRuntimeAsyncClient.builder().httpClient(asyncHttpClient);
        configureRuntime(builder, region, credentials, AwsRetryStrategy.doNotRetry(), null);
        // Complete the call's future on the Netty thread that read the answer (or on the timer thread when a
        // timeout fires) instead of handing it to the SDK's response thread pool: one thread hop less. Safe because
        // stream events leave the Netty threads
        // through BedrockStreamCall's executor, and nothing chained on the future blocks.
        builder.asyncConfiguration(
                c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run));
        return builder.build();
    }

    /** What both Bedrock Runtime clients share: the common settings, the endpoint override and the signer. */
    private <B extends BedrockRuntimeBaseClientBuilder<B, ?>> void configureRuntime(
            B builder,
            Region region,
            AwsCredentialsProvider credentials,
            RetryStrategy retryStrategy,
            @Nullable Duration attemptTimeout) {
        configure(builder, region, credentials, retryStrategy, attemptTimeout);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        if (forceSigV4()) {
            builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
        }
    }

    BedrockAsyncClient controlPlane(Region region, AwsCredentialsProvider credentials) {
        BedrockAsyncClientBuilder builder = BedrockAsyncClient.builder().httpClient(asyncHttpClient);
        // Default completion executor: discovery's paginator resolves credentials as it requests the next page.
        configure(builder, region, credentials, standardRetries(), null);
        if (properties.controlPlaneEndpoint() != null) {
            builder.endpointOverride(properties.controlPlaneEndpoint());
        }
        if (forceSigV4()) {
            builder.authSchemeProvider(BedrockAuthSchemeProvider.defaultProvider());
        }
        return builder.build();
    }

    private RetryStrategy standardRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(properties.maxAttempts())
                .build();
    }

    /**
     * The shared settings; one override call, as a second one would replace (not merge) the first. A
     * non-streaming answer arrives all at once, so its longest silence is its attempt: the read timeout is
     * enforced there as the attempt timeout, on the SDK's timer (see {@code bedrockSyncHttpClient}).
     */
    private <B extends AwsClientBuilder<B, ?>> void configure(
            B builder,
            Region region,
            AwsCredentialsProvider credentials,
            RetryStrategy retryStrategy,
            @Nullable Duration attemptTimeout) {
        builder.region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.scheduledExecutorService(timers)
                        .apiCallTimeout(properties.apiCallTimeout())
                        .apiCallAttemptTimeout(attemptTimeout)
                        .retryStrategy(retryStrategy));
    }

    // The SDK switches to bearer auth when AWS_BEARER_TOKEN_BEDROCK merely exists. A blank one means
    // unset; gateway.bedrock.auth=sigv4 ignores it whatever it holds.
    private boolean forceSigV4() {
        String token = System.getProperty("aws.bearerTokenBedrock", System.getenv("AWS_BEARER_TOKEN_BEDROCK"));
        return properties.auth() == BedrockProperties.Auth.SIGV4 || (token != null && token.isBlank());
    }

    private static Region resolveDefaultRegion(BedrockProperties properties) {
        if (properties.region() != null && !properties.region().isBlank()) {
            return Region.of(properties.region());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "No AWS region for Bedrock: set gateway.bedrock.region, AWS_REGION, "
                            + "or a region in the AWS config profile",
                    e);
        }
    }
}
