package dev.bedrockgateway.chat;

import org.jspecify.annotations.Nullable;

/**
 * InvokeModel's optional settings, passed to Bedrock as the caller gave them; null where it gave none.
 *
 * @param contentType the body's MIME type (Bedrock takes {@code application/json})
 * @param accept the answer's MIME type
 * @param trace whether Bedrock should trace a guardrail ({@code ENABLED}, {@code DISABLED}, ...)
 * @param guardrailIdentifier the guardrail to apply
 * @param guardrailVersion its version
 * @param performanceConfigLatency {@code standard} or {@code optimized}
 * @param serviceTier the service tier asked for
 */
public record InvokeOptions(
        @Nullable String contentType,
        @Nullable String accept,
        @Nullable String trace,
        @Nullable String guardrailIdentifier,
        @Nullable String guardrailVersion,
        @Nullable String performanceConfigLatency,
        @Nullable String serviceTier) {

    /** No optional settings: JSON in, JSON out. */
    public static final InvokeOptions NONE = new InvokeOptions(null, null, null, null, null, null, null);
}
