package dev.bedrockgateway.observability;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.routing.RoutingRule;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One finished chat request, as metrics and the access log see it. Holds no prompt, answer, key or credential.
 *
 * @param requestId the request's ID
 * @param method HTTP method
 * @param path request path
 * @param status HTTP status sent
 * @param tenant tenant ID, or {@code none} when the caller was not authenticated
 * @param api API style tag
 * @param stream whether the answer was streamed
 * @param requestedModel the model as the caller wrote it, or null
 * @param bedrockModelId the model ID Bedrock answered for, or null
 * @param rules routing rules that fired
 * @param usage token usage, or null
 * @param durationNanos request start to response end
 * @param timeToFirstTokenNanos request start to first streamed content, or -1
 * @param outcome how it ended
 * @param upstreamErrorType Bedrock's exception name when Bedrock failed the call, or null
 * @param traceId the W3C trace ID of the request (the caller's, from {@code traceparent}), or null
 * @param costUsd the call's cost at its model's price, or null when unknown
 * @param target the name of the tenant's AWS target that served the last attempt, when it has several
 * @param errorCode the gateway's own error code when it refused the call itself, e.g. {@code tenant_rate_limited}
 * @param serviceTier the Bedrock service tier the call ran at, or null for the standard one
 */
public record CallRecord(
        String requestId,
        String method,
        String path,
        int status,
        String tenant,
        String api,
        boolean stream,
        @Nullable String requestedModel,
        @Nullable String bedrockModelId,
        Set<RoutingRule> rules,
        @Nullable TokenUsage usage,
        long durationNanos,
        long timeToFirstTokenNanos,
        Outcome outcome,
        @Nullable String upstreamErrorType,
        @Nullable String traceId,
        @Nullable Double costUsd,
        @Nullable String errorCode,
        int attempts,
        List<ChatCall.Fallback> fallbacks,
        @Nullable String target,
        @Nullable String serviceTier) {

    public CallRecord {
        rules = Set.copyOf(rules);
        fallbacks = List.copyOf(fallbacks);
    }

    /** The fallbacks as the access log writes them, {@code from>to:reason} comma-separated, or {@code -}. */
    public String fallbackPath() {
        if (fallbacks.isEmpty()) {
            return "-";
        }
        StringBuilder path = new StringBuilder();
        for (ChatCall.Fallback fallback : fallbacks) {
            path.append(path.isEmpty() ? "" : ",")
                    .append(fallback.from())
                    .append('>')
                    .append(fallback.to())
                    .append(':')
                    .append(fallback.reason().tag());
        }
        return path.toString();
    }
}
