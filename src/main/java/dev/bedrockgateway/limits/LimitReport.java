package dev.bedrockgateway.limits;

import org.jspecify.annotations.Nullable;

/**
 * The tightest request and token limits that applied to a call, for the caller's rate-limit headers.
 *
 * @param requests the request limit, or null when the tenant has none
 * @param tokens the token limit, or null when the tenant has none
 */
public record LimitReport(
        @Nullable Window requests, @Nullable Window tokens) {

    /** No limit applied. */
    public static final LimitReport NONE = new LimitReport(null, null);
}
