/**
 * What every API surface shares: the style-detecting {@code /v1/chat} endpoint, request IDs, body
 * limits, and the one place that turns any failure into an error in the caller's format (OpenAI JSON
 * on {@code /v1/*}, AWS-style on the Bedrock-wire paths).
 */
@NullMarked
package dev.bedrockgateway.api;

import org.jspecify.annotations.NullMarked;
