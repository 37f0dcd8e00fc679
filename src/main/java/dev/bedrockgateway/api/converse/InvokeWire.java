package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.chat.InvokeOptions;
import dev.bedrockgateway.chat.InvokeRequest;
import dev.bedrockgateway.chat.InvokeResponse;
import dev.bedrockgateway.error.GatewayException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Translates the InvokeModel wire to the core and back. Nothing of the body is read or changed: only
 * InvokeModel's optional headers are carried (the AWS SDKs send them as {@code X-Amzn-Bedrock-*}; the stream
 * operation takes its Accept as {@code X-Amzn-Bedrock-Accept}), and Bedrock's own response headers come back.
 */
final class InvokeWire {

    static final String BEDROCK_ACCEPT = "X-Amzn-Bedrock-Accept";

    private InvokeWire() {}

    /** The core request of one call; the model comes from the path. */
    static InvokeRequest request(String modelId, byte[] body, HttpHeaders headers, boolean stream) {
        if (body.length == 0) {
            throw GatewayException.invalid("body", "The request body is empty: InvokeModel takes the model's own JSON");
        }
        return new InvokeRequest(
                modelId,
                body,
                new InvokeOptions(
                        headers.getFirst(HttpHeaders.CONTENT_TYPE),
                        stream ? headers.getFirst(BEDROCK_ACCEPT) : accept(headers.getFirst(HttpHeaders.ACCEPT)),
                        headers.getFirst("X-Amzn-Bedrock-Trace"),
                        headers.getFirst("X-Amzn-Bedrock-GuardrailIdentifier"),
                        headers.getFirst("X-Amzn-Bedrock-GuardrailVersion"),
                        headers.getFirst("X-Amzn-Bedrock-PerformanceConfig-Latency"),
                        headers.getFirst("X-Amzn-Bedrock-Service-Tier")));
    }

    /** Bedrock's answer as it came, with its headers and the model ID that answered. */
    static ResponseEntity<byte[]> response(InvokeResponse response, String bedrockModelId) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(response.contentType()))
                .header(GatewayHeaders.BEDROCK_MODEL_ID, bedrockModelId);
        response.headers().forEach(answer::header);
        return answer.body(response.body());
    }

    /** A wildcard Accept (curl's, browsers') asks for nothing in particular: Bedrock's default then. */
    private static @Nullable String accept(@Nullable String accept) {
        return accept == null || accept.contains("*/*") ? null : accept;
    }
}
