package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.routing.InferenceProfileSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClientBuilder;
import software.amazon.awssdk.services.bedrock.auth.scheme.BedrockAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Builds the Bedrock clients once at startup, all on one shared Netty connection pool. The async client
 * serves both plain and streaming calls without holding a thread per in-flight request.
 */
@Configuration(proxyBeanMethods = false)
class BedrockClientConfiguration {

    @Bean(destroyMethod = "close")
    SdkAsyncHttpClient bedrockHttpClient(BedrockProperties properties) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(properties.maxConnections())
                .connectionTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .build();
    }

    @Bean(destroyMethod = "close")
    BedrockRuntimeAsyncClient bedrockRuntimeClient(BedrockProperties properties, SdkAsyncHttpClient httpClient,
            ObjectProvider<BedrockSimulatorConnection> simulator) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder();
        BedrockSimulatorConnection local = simulator.getIfAvailable();
        configure(builder, properties, httpClient, local);
        if (local == null && properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        if (local != null || bearerTokenIsBlank()) {
            // The SDK switches to bearer auth when AWS_BEARER_TOKEN_BEDROCK merely exists; a blank one means
            // unset, and a developer's real Bedrock API key must never be sent to the simulator.
            builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("gateway.routing.discovery.enabled")
    BedrockAsyncClient bedrockControlPlaneClient(BedrockProperties properties, SdkAsyncHttpClient httpClient,
            ObjectProvider<BedrockSimulatorConnection> simulator) {
        BedrockAsyncClientBuilder builder = BedrockAsyncClient.builder();
        BedrockSimulatorConnection local = simulator.getIfAvailable();
        configure(builder, properties, httpClient, local);
        if (local != null || bearerTokenIsBlank()) {
            builder.authSchemeProvider(BedrockAuthSchemeProvider.defaultProvider());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnBooleanProperty("gateway.routing.discovery.enabled")
    InferenceProfileSource inferenceProfileSource(BedrockAsyncClient bedrockControlPlaneClient) {
        return new BedrockInferenceProfileSource(bedrockControlPlaneClient);
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> void configure(B builder,
            BedrockProperties properties, SdkAsyncHttpClient httpClient, @Nullable BedrockSimulatorConnection local) {
        builder.httpClient(httpClient)
                .region(region(properties))
                .overrideConfiguration(c -> c
                        .apiCallTimeout(properties.apiCallTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(properties.maxAttempts()).build()));
        if (local != null) {
            builder.endpointOverride(local.endpoint()).credentialsProvider(simulatorCredentials());
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
    }

    private static Region region(BedrockProperties properties) {
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

    private static boolean bearerTokenIsBlank() {
        String token = System.getProperty("aws.bearerTokenBedrock", System.getenv("AWS_BEARER_TOKEN_BEDROCK"));
        return token != null && token.isBlank();
    }

    private static AwsCredentialsProvider simulatorCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-secret"));
    }
}
