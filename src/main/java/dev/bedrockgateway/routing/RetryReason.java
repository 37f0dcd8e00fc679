package dev.bedrockgateway.routing;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import org.jspecify.annotations.Nullable;

/**
 * Why a failed attempt may be tried again, elsewhere or later; written in config in kebab case
 * ({@code gateway.routing.retry.reasons: [throttled, unavailable, timeout, model-not-ready]}). Only Bedrock's own
 * failures have one (and an open circuit breaker's refusal, which stands for them): a validation or access error would fail again anywhere, and the gateway's own refusals (the
 * tenant's limits, a full replica) say when to come back and are the caller's to act on.
 */
public enum RetryReason {
    /** Bedrock throttled the call or the account's quota ran out. */
    THROTTLED,
    /** Bedrock, or the connection to it, was unavailable. */
    UNAVAILABLE,
    /** Bedrock or the model took too long. */
    TIMEOUT,
    /** The model was not ready to serve. */
    MODEL_NOT_READY,
    /** Bedrock failed inside (InternalServerException); off by default, since a retry resends the whole prompt. */
    SERVER_ERROR;

    /** The code of a call an open circuit breaker refused: the model is unavailable, try the next one. */
    public static final String CIRCUIT_OPEN = "circuit_open";

    /** The reason to retry a failure, or null for one that must not be retried. */
    public static @Nullable RetryReason of(GatewayException failure) {
        if (CIRCUIT_OPEN.equals(failure.code())) {
            return UNAVAILABLE;
        }
        if (failure.code() != null) {
            return null;
        }
        String upstream = failure.upstreamErrorType();
        if ("ModelNotReadyException".equals(upstream)) {
            return MODEL_NOT_READY;
        }
        ErrorKind kind = failure.kind();
        return switch (kind) {
            case RATE_LIMITED, QUOTA_EXCEEDED -> THROTTLED;
            case UPSTREAM_UNAVAILABLE -> UNAVAILABLE;
            case UPSTREAM_TIMEOUT -> TIMEOUT;
            case UPSTREAM_ERROR -> SERVER_ERROR;
            default -> null;
        };
    }

    /** The reason as config and metrics write it, e.g. {@code model-not-ready}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
