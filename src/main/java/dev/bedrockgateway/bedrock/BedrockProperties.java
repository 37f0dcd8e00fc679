package dev.bedrockgateway.bedrock;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches Bedrock Runtime ({@code gateway.bedrock.*}).
 *
 * @param region AWS region of the Bedrock endpoint; when unset, the SDK's region chain
 *     ({@code AWS_REGION}, the AWS config profile) decides
 * @param endpoint endpoint override; when unset, the SDK honours {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}
 *     and {@code AWS_ENDPOINT_URL}, then the public AWS endpoint
 * @param controlPlaneEndpoint endpoint override of the Bedrock control plane, used to discover inference profiles;
 *     when unset, the SDK honours {@code AWS_ENDPOINT_URL_BEDROCK} and {@code AWS_ENDPOINT_URL}
 * @param responsesEndpoint endpoint override of Bedrock's OpenAI-compatible Responses API, for models served only
 *     there; when unset, {@code https://bedrock-mantle.<region>.api.aws}
 * @param auth how calls are signed: {@code auto} lets the SDK use a Bedrock API key when
 *     {@code AWS_BEARER_TOKEN_BEDROCK} is set and AWS credentials otherwise; {@code sigv4} always signs with AWS
 *     credentials, whatever the environment holds
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout longest silence allowed while waiting for bytes of an answer (a non-streaming answer
 *     arrives at once, so for Converse this bounds each attempt)
 * @param apiCallTimeout longest a whole call may take, retries included
 * @param maxConnections limit of each of the two shared connection pools (Converse; streams and discovery)
 * @param maxAttempts the SDK's own attempts per Bedrock call, the first included. 1 by default: the gateway's
 *     retries and fallbacks ({@code gateway.routing.retry}) decide, and would multiply with the SDK's.
 */
@Validated
@ConfigurationProperties("gateway.bedrock")
public record BedrockProperties(
        @Nullable String region,
        @Nullable URI endpoint,
        @Nullable URI controlPlaneEndpoint,
        @Nullable URI responsesEndpoint,
        @NotNull @DefaultValue("auto") Auth auth,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("120s") Duration readTimeout,
        @NotNull @DefaultValue("10m") Duration apiCallTimeout,
        @Min(1) @DefaultValue("8192") int maxConnections,
        @Min(1) @DefaultValue("1") int maxAttempts) {

    /** How Bedrock calls are signed. */
    public enum Auth {
        /** A Bedrock API key when {@code AWS_BEARER_TOKEN_BEDROCK} is set (and not blank), else SigV4. */
        AUTO,
        /** Always SigV4 with the tenant's AWS credentials. */
        SIGV4
    }
}
