package dev.bedrockgateway.observability;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a call ended, as a bounded tag. */
public enum Outcome {
    SUCCESS,
    CLIENT_ERROR,
    /** Bedrock throttled the call, or refused it for its account's quota. */
    THROTTLED,
    /** The gateway refused the call for one of the tenant's own limits (rate, concurrency, budget). */
    LIMITED,
    /** The replica was full and shed the call with 503, or had no free connection to Bedrock. */
    SHED,
    UPSTREAM_ERROR,
    /** The caller went away before the answer ended. */
    CANCELLED;

    /** The tag value, e.g. {@code client_error}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The outcome of a call. A failure noted during the call wins over the HTTP status, which is 200 for a
     * stream that failed after it started.
     */
    public static Outcome of(int status, @Nullable GatewayException failure, boolean cancelled) {
        if (cancelled) {
            return CANCELLED;
        }
        if (failure != null && failure.code() != null) {
            if (failure.code().startsWith("tenant_")) {
                return LIMITED;
            }
            if (failure.kind() == ErrorKind.OVERLOADED) {
                return SHED;
            }
        }
        int effective = failure != null ? failure.kind().status() : status;
        if (failure != null && (failure.kind() == ErrorKind.RATE_LIMITED || failure.kind() == ErrorKind.QUOTA_EXCEEDED)
                || effective == 429) {
            return THROTTLED;
        }
        if (effective >= 500) {
            return UPSTREAM_ERROR;
        }
        return effective >= 400 ? CLIENT_ERROR : SUCCESS;
    }
}
