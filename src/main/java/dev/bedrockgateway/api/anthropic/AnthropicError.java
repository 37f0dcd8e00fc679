package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;

/**
 * Anthropic's error body, {@code {"type":"error","error":{"type":...,"message":...}}}: the response body of a
 * failed call, and the payload of the {@code error} event that ends a stream which fails after it started. The
 * message is the gateway's own; the status and type are the ones Anthropic SDKs act on (they retry 429, 5xx and
 * 529, and raise {@code OverloadedError} for {@code overloaded_error}).
 *
 * @param type always {@code error}
 * @param error the error
 */
public record AnthropicError(String type, Detail error) implements AnthropicStreamEvent {

    /** Anthropic's status for an overloaded API, which its clients back off from and retry. */
    static final int OVERLOADED_STATUS = 529;

    /** The error body for a classified failure. */
    public static AnthropicError of(GatewayException failure) {
        return new AnthropicError("error", new Detail(errorType(failure), failure.getMessage()));
    }

    /**
     * The HTTP status for a failure: the gateway's own, except that a full replica and Bedrock's
     * {@code ServiceUnavailableException} answer 529, which is how Anthropic says "overloaded, retry".
     */
    public static int status(GatewayException failure) {
        return overloaded(failure) ? OVERLOADED_STATUS : failure.kind().status();
    }

    /** Anthropic's {@code error.type} for a failure. */
    static String errorType(GatewayException failure) {
        if (upstreamUnavailable(failure)) {
            return "overloaded_error";
        }
        // Anthropic uses invalid_request_error for the 4xx statuses it has no type of its own for.
        return switch (failure.kind()) {
            case INVALID_REQUEST, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> "invalid_request_error";
            case UNAUTHENTICATED -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED, QUOTA_EXCEEDED -> "rate_limit_error";
            case MODEL_ERROR, INTERNAL, UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT -> "api_error";
            case OVERLOADED -> "overloaded_error";
        };
    }

    private static boolean overloaded(GatewayException failure) {
        return failure.kind() == ErrorKind.OVERLOADED || upstreamUnavailable(failure);
    }

    /** Bedrock itself is short of capacity (as opposed to a model that is not ready, which stays a 503). */
    private static boolean upstreamUnavailable(GatewayException failure) {
        return "ServiceUnavailableException".equals(failure.upstreamErrorType());
    }

    /**
     * The error's fields.
     *
     * @param type the error class, e.g. {@code invalid_request_error}
     * @param message what went wrong, for a person
     */
    public record Detail(String type, String message) {}
}
