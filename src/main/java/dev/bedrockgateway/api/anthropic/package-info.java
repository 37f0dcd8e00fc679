/**
 * The Anthropic Messages surface ({@code POST /v1/messages}): wire records, the translators between the Messages
 * API and the core (used for models that answer through Converse), the stream translator that writes Anthropic's
 * server-sent events, its error body, and {@link dev.bedrockgateway.api.anthropic.ClaudeInvokeBody}, which
 * prepares a Messages body for Claude models that Bedrock serves natively through InvokeModel.
 */
@NullMarked
package dev.bedrockgateway.api.anthropic;

import org.jspecify.annotations.NullMarked;
