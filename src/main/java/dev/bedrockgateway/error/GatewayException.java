package dev.bedrockgateway.error;

import org.jspecify.annotations.Nullable;

/**
 * A failure the caller should see, already classified. Its message is shown to the caller as is, so it
 * never holds secrets or internal detail.
 */
public class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final @Nullable String param;
    private final @Nullable String upstreamErrorType;

    public GatewayException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public GatewayException(
            ErrorKind kind, String message, @Nullable String param, @Nullable String upstreamErrorType) {
        super(message, null, false, false);
        this.kind = kind;
        this.param = param;
        this.upstreamErrorType = upstreamErrorType;
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

    /** Bedrock's exception name when the error came from Bedrock, e.g. {@code ModelNotReadyException}. */
    public @Nullable String upstreamErrorType() {
        return upstreamErrorType;
    }
}
