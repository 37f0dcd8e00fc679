package dev.bedrockgateway.limits;

import dev.bedrockgateway.error.GatewayException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One call's admission: what the caller's rate-limit headers say, why it was refused if it was, and, once
 * the answer is in, the settling of what it reserved. Settling happens once, whichever of completion,
 * failure or cancellation comes first.
 */
public final class Permit {

    private final TenantLimiter limiter;
    private final @Nullable Admission admission;
    private final long reservedTokens;
    private final LimitReport report;
    private final @Nullable GatewayException refusal;
    private final AtomicBoolean settled = new AtomicBoolean();

    Permit(
            TenantLimiter limiter,
            @Nullable Admission admission,
            long reservedTokens,
            LimitReport report,
            @Nullable GatewayException refusal) {
        this.limiter = limiter;
        this.admission = admission;
        this.reservedTokens = reservedTokens;
        this.report = report;
        this.refusal = refusal;
    }

    /** The limits that applied, for the caller's {@code x-ratelimit-*} headers. */
    public LimitReport report() {
        return report;
    }

    /** Why the call may not go ahead, or null when it may. */
    public @Nullable GatewayException refusal() {
        return refusal;
    }

    /**
     * Ends the call: settles its token reservation against what it used, frees its place among the tenant's
     * calls in flight, and adds its usage and cost. Later calls do nothing.
     *
     * @param bedrockModelId the model that answered, whose price applies
     * @param used the tokens the call used
     * @return the call's cost in USD, or null when the model has no price or the call was settled already
     */
    public @Nullable Double settle(String bedrockModelId, TokenCounts used) {
        if (admission == null || !settled.compareAndSet(false, true)) {
            return null;
        }
        return limiter.settle(admission, bedrockModelId, reservedTokens, used);
    }
}
