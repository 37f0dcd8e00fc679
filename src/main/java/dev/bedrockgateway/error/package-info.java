/**
 * The gateway's error vocabulary: every way a call can fail ({@link dev.bedrockgateway.error.ErrorKind}) and the
 * classified failure that carries it ({@link dev.bedrockgateway.error.GatewayException}). It sits below every
 * other package and imports none of them, so the core, routing, tenancy and each API surface share one
 * vocabulary without depending on each other.
 */
@NullMarked
package dev.bedrockgateway.error;

import org.jspecify.annotations.NullMarked;
