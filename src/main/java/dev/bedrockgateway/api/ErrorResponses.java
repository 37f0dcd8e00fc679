package dev.bedrockgateway.api;

import dev.bedrockgateway.error.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a classified failure in the caller's format: the {@link ApiStyle} that owns the path (or, on an
 * error dispatch, the path that failed) writes it, so AWS SDKs on the Bedrock wire raise the right exception
 * class and OpenAI SDKs read an OpenAI error.
 */
@Component
public class ErrorResponses {

    private final RouteTable routes;
    private final JsonMapper jsonMapper;
    /** How much of a refused body is read before answering ({@link BodyDrain}). */
    private final long drainBound;

    ErrorResponses(RouteTable routes, JsonMapper jsonMapper, ApiProperties properties) {
        this.routes = routes;
        this.jsonMapper = jsonMapper;
        this.drainBound =
                properties.maxBodySize().toBytes() + properties.maxBodyDrain().toBytes();
    }

    /**
     * The error response for a request. A failure that says when to retry carries {@code Retry-After} (whole
     * seconds, what HTTP clients read) and {@code retry-after-ms} (what OpenAI's SDKs read first). What is left of
     * the request's body is read first, within bounds ({@link BodyDrain}); a body left unread ends the connection,
     * which the answer says.
     */
    public ResponseEntity<Object> render(HttpServletRequest request, GatewayException error) {
        ResponseEntity<Object> styled = routes.errorStyle(request).error(error);
        boolean reusable = BodyDrain.drain(request, drainBound);
        Duration retryAfter = error.retryAfter();
        if (retryAfter == null && reusable) {
            return styled;
        }
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(styled.getStatusCode()).headers(styled.getHeaders());
        if (retryAfter != null) {
            long millis = Math.max(1, retryAfter.toMillis());
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString((millis + 999) / 1000))
                    .header("retry-after-ms", Long.toString(millis));
        }
        if (!reusable) {
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer.body(styled.getBody());
    }

    /** Writes the error straight to the servlet response, for failures found before any controller runs. */
    public void write(HttpServletRequest request, HttpServletResponse response, GatewayException error)
            throws IOException {
        ResponseEntity<Object> entity = render(request, error);
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        jsonMapper.writeValue(response.getOutputStream(), entity.getBody());
    }
}
