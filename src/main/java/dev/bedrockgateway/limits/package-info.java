/**
 * Shared-service limits: per-tenant requests, tokens, calls in flight and spend, held in memory (one replica) or
 * in Redis (every replica), the cost of each call from the model catalog's prices, and the per-replica limit
 * on calls in flight that sheds load instead of queueing it. The core ({@code chat}) asks {@link
 * dev.bedrockgateway.limits.TenantLimiter} before each Bedrock call and settles what it reserved afterwards;
 * this package knows no web type and no API surface.
 */
@NullMarked
package dev.bedrockgateway.limits;

import org.jspecify.annotations.NullMarked;
