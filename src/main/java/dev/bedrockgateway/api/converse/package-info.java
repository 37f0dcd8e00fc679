/**
 * The Converse surfaces: Bedrock's own wire format at {@code /model/{modelId}/converse} (so AWS SDK
 * clients work with only an endpoint override) and Converse-style bodies on {@code /v1/chat}.
 */
@NullMarked
package dev.bedrockgateway.api.converse;

import org.jspecify.annotations.NullMarked;
