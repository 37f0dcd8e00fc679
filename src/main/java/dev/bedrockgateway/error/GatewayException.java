package dev.bedrockgateway.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A failure the caller should see, already classified. Its message is shown to the caller as is, so it
 * never holds secrets or internal detail.
 */
public class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final @Nullable String param;
    private final @Nullable String upstreamErrorType;
    private final @Nullable String code;
    private final @Nullable Duration retryAfter;

    public GatewayException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public GatewayException(
            ErrorKind kind, String message, @Nullable String param, @Nullable String upstreamErrorType) {
        this(kind, message, param, upstreamErrorType, null, null);
    }

    private GatewayException(
            ErrorKind kind,
            String message,
            @Nullable String param,
            @Nullable String upstreamErrorType,
            @Nullable String code,
            @Nullable Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.param = param;
        this.upstreamErrorType = upstreamErrorType;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * A refusal by the gateway itself (a tenant's limit, a full replica) that the caller may retry later.
     *
     * @param code the gateway's own error code, e.g. {@code tenant_rate_limited}, which tells it apart from
     *     Bedrock's throttling
     * @param retryAfter when a retry may succeed
     */
    public static GatewayException refused(ErrorKind kind, String code, String message, Duration retryAfter) {
        return new GatewayException(kind, message, null, null, code, retryAfter);
    }

    /** This failure with a hint of when a retry may succeed. */
    public GatewayException withRetryAfter(Duration retryAfter) {
        return new GatewayException(kind, getMessage(), param, upstreamErrorType, code, retryAfter);
    }

    /** A 400 about one field of the request. */
    public static GatewayException invalid(@Nullable String param, String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, param, null);
    }

    /** What went wrong, for the caller; never null. */
    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field the error is about, if any (OpenAI's {@code error.param}). */
    public @Nullable String param() {
        return param;
    }

    /** The gateway's own error code for its own refusals, e.g. {@code tenant_rate_limited}, else null. */
    public @Nullable String code() {
        return code;
    }

    /** When a retry may succeed ({@code Retry-After}), or null when the failure gives no hint. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Bedrock's exception name when the error came from Bedrock, e.g. {@code ModelNotReadyException}. */
    public @Nullable String upstreamErrorType() {
        return upstreamErrorType;
    }
}
