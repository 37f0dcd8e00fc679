package dev.bedrockgateway.bedrock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Builds the Bedrock Runtime client once at startup. The async (Netty) client serves both plain and
 * streaming calls without holding a thread per in-flight request.
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
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .httpClient(httpClient)
                .region(region(properties))
                .overrideConfiguration(c -> c
                        .apiCallTimeout(properties.apiCallTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(properties.maxAttempts()).build()));
        BedrockSimulatorConnection local = simulator.getIfAvailable();
        if (local != null) {
            // SigV4 with dummy keys even when AWS_BEARER_TOKEN_BEDROCK is set: a developer's real Bedrock
            // API key must never be sent to the simulator.
            builder.endpointOverride(local.endpoint()).credentialsProvider(simulatorCredentials())
                    .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
        } else {
            if (properties.endpoint() != null) {
                builder.endpointOverride(properties.endpoint());
            }
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
            if (bearerTokenIsBlank()) {
                // The SDK switches to bearer auth when the variable merely exists; a blank one means "unset".
                builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
            }
        }
        return builder.build();
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
