/**
 * What operators see: request, token, first-token, upstream-error and routing meters per tenant and model,
 * the access log, and health indicators for readiness. Tag values are bounded so callers cannot inflate
 * metric cardinality.
 */
@NullMarked
package dev.bedrockgateway.observability;

import org.jspecify.annotations.NullMarked;
