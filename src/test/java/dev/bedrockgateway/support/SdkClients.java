package dev.bedrockgateway.support;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.util.List;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/** Stock SDK clients pointed at the running gateway, as the demo tenant, with client-side retries off. */
public final class SdkClients {

    /** The demo tenant's gateway key as a Bedrock API key: what AWS SDKs send with AWS_BEARER_TOKEN_BEDROCK. */
    public static final SdkTokenProvider DEMO_TOKEN = () -> () -> GatewayClient.DEMO_KEY;

    /** Bearer auth first, as the AWS SDK chooses by itself when AWS_BEARER_TOKEN_BEDROCK is set. */
    public static final BedrockRuntimeAuthSchemeProvider BEARER_FIRST =
            BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("httpBearerAuth"));

    private SdkClients() {}

    /** A stock async Bedrock Runtime client (HTTP/2 by default) with only its endpoint changed. */
    public static BedrockRuntimeAsyncClient bedrockAsync(GatewayClient gateway) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(gateway.baseUri())
                .region(Region.US_EAST_1)
                .tokenProvider(DEMO_TOKEN)
                .authSchemeProvider(BEARER_FIRST)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The official OpenAI Java client with only its base URL changed. */
    public static OpenAIClient openAi(GatewayClient gateway) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUri() + "/v1")
                .apiKey(GatewayClient.DEMO_KEY)
                .maxRetries(0)
                .build();
    }
}
