package dev.bedrockgateway.api;

import dev.bedrockgateway.api.converse.AwsError;
import dev.bedrockgateway.api.openai.OpenAiError;
import dev.bedrockgateway.error.GatewayException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a classified failure in the caller's format: AWS style on the Bedrock-wire paths
 * ({@code /model/...}), so AWS SDKs raise the right exception class, and OpenAI style everywhere else.
 */
final class ErrorResponses {

    private static final String AWS_ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    private ErrorResponses() {}

    static ResponseEntity<Object> render(HttpServletRequest request, GatewayException error) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(error.kind().status()).contentType(MediaType.APPLICATION_JSON);
        if (isBedrockWire(request)) {
            String type = Objects.requireNonNullElse(
                    error.upstreamErrorType(), error.kind().awsErrorType());
            return response.header(GatewayHeaders.AMZN_ERROR_TYPE, type + AWS_ERROR_TYPE_SUFFIX)
                    .body(new AwsError(error.getMessage()));
        }
        return response.body(OpenAiError.of(error));
    }

    /** Writes the error straight to the servlet response, for failures found before any controller runs. */
    static void write(
            HttpServletRequest request, HttpServletResponse response, GatewayException error, JsonMapper jsonMapper)
            throws IOException {
        ResponseEntity<Object> entity = render(request, error);
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        jsonMapper.writeValue(response.getOutputStream(), entity.getBody());
    }

    /** Whether the request (or, on an error dispatch, the request that failed) used the Bedrock wire format. */
    static boolean isBedrockWire(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        return uri.startsWith(request.getContextPath() + "/model/");
    }
}
