package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ResponsesEndpoint;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.AwsTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bedrock's OpenAI-compatible Responses endpoint ({@code https://bedrock-mantle.<region>.api.aws/v1/responses}), which
 * the AWS SDK has no client for: the request is signed with the SDK's SigV4 signer and the tenant target's
 * credentials, and sent on the SDK's shared Apache HTTP client, as every other Bedrock call. Errors come back in
 * OpenAI's shape and are classified by status as Bedrock's own.
 */
@Component
class BedrockResponsesEndpoint implements ResponsesEndpoint {

    /** The signing name of Bedrock's OpenAI-compatible endpoints. */
    static final String SIGNING_NAME = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private static final Map<Integer, String> TYPE_BY_STATUS = Map.of(
            400, "ValidationException",
            403, "AccessDeniedException",
            404, "ResourceNotFoundException",
            429, "ThrottlingException",
            503, "ServiceUnavailableException",
            504, "ModelTimeoutException");

    private final TenantBedrockClients clients;
    private final SdkHttpClient http;
    private final BedrockProperties properties;
    private final JsonMapper json;

    BedrockResponsesEndpoint(
            TenantBedrockClients clients, SdkHttpClient http, BedrockProperties properties, JsonMapper json) {
        this.clients = clients;
        this.http = http;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public byte[] respond(AwsTarget target, byte[] body) {
        TenantBedrockClients.TenantClient client = clients.of(target);
        String region = client.region().id();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri(region))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body))
                .build();
        try {
            AwsCredentials credentials = client.credentials().resolveCredentials();
            SignedRequest signed = SIGNER.sign(r -> r.identity(credentials)
                    .request(request)
                    .payload(request.contentStreamProvider().orElseThrow())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            byte[] answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status >= 300) {
                throw failure(status, answer);
            }
            return answer;
        } catch (IOException e) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Bedrock's Responses endpoint could not be reached");
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
    }

    /** The endpoint for a region: {@code gateway.bedrock.responses-endpoint}, else Bedrock's own. */
    URI uri(String region) {
        URI base = properties.responsesEndpoint() != null
                ? properties.responsesEndpoint()
                : URI.create("https://bedrock-mantle." + region + ".api.aws");
        return base.resolve("/v1/responses");
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = response.responseBody().get()) {
            return in.readAllBytes();
        }
    }

    /** An error answer, in OpenAI's shape, as the gateway's own classification of Bedrock errors. */
    private GatewayException failure(int status, byte[] answer) {
        String message = null;
        String code = null;
        try {
            JsonNode error = json.readTree(answer).path("error");
            message = error.path("message").asString(null);
            code = error.path("code").asString(null);
        } catch (JacksonException | UncheckedIOException e) {
            // not JSON: the status says it all
        }
        String type = typeOf(status, code);
        return new GatewayException(
                BedrockErrors.kindOf(type, status),
                message == null || message.isBlank() ? "Bedrock's Responses endpoint answered HTTP " + status : message,
                null,
                type);
    }

    /** Bedrock's exception name for an OpenAI-shaped error, so retries and metrics treat it as any other. */
    private static String typeOf(int status, @Nullable String code) {
        return TYPE_BY_STATUS.getOrDefault(status, code != null && !code.isBlank() ? code : "InternalServerException");
    }
}
