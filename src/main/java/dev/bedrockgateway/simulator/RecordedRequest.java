package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request exactly as the simulator received it.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param rawPath the path as sent on the wire, still percent-encoded
 * @param operation the operation segment of a model path ({@code converse}, {@code invoke}, {@code count-tokens},
 *     ...), the identity operation ({@code sts:AssumeRole}, {@code sso:GetRoleCredentials}), or {@code null} for
 *     other paths; {@link #operationName()} gives the AWS API name instead
 * @param modelId the percent-decoded model id, or {@code null} when the path has none
 * @param headers request headers keyed by lower-cased name
 * @param body the raw request body decoded as UTF-8 (empty when there was none)
 */
public record RecordedRequest(
        String method,
        String rawPath,
        @Nullable String operation,
        @Nullable String modelId,
        Map<String, List<String>> headers,
        String body) {

    /** Lower-cases header names and freezes the collections so a recording cannot change later. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.merge(
                    name.toLowerCase(Locale.ROOT),
                    values == null ? List.of() : List.copyOf(values),
                    (a, b) -> concat(a, b)));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /**
     * The AWS API name of the operation: {@code Converse}, {@code ConverseStream}, {@code InvokeModel},
     * {@code InvokeModelWithResponseStream} or {@code CountTokens} for the model paths the simulator serves,
     * {@code ListInferenceProfiles} for the control-plane listing, the identity operations as {@link #operation()}
     * names them, and {@code null} for anything else (including model paths of operations it does not serve).
     */
    public @Nullable String operationName() {
        if (modelId != null) {
            SimulatorOperation served = SimulatorOperation.forPathSegment(operation);
            return served == null ? null : served.apiName();
        }
        if (operation == null && "/inference-profiles".equals(rawPath) && "GET".equalsIgnoreCase(method)) {
            return "ListInferenceProfiles";
        }
        return operation;
    }

    /** The first value of the header, matched case-insensitively, or {@code null} if it is absent. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The access key id from the SigV4 credential scope of the {@code Authorization} header, or
     * {@code null} when the request was not SigV4-signed (for example a bearer API key).
     */
    public @Nullable String signingAccessKeyId() {
        String[] scope = credentialScope();
        return scope == null ? null : scope[0];
    }

    /** The region from the SigV4 credential scope, or {@code null} when the request was not SigV4-signed. */
    public @Nullable String signingRegion() {
        String[] scope = credentialScope();
        return scope == null ? null : scope[2];
    }

    /**
     * Splits {@code Credential=AKID/date/region/service/aws4_request}. Only the structure is checked; the
     * signature itself is never verified, since the simulator has no secret to verify it with.
     */
    private String @Nullable [] credentialScope() {
        String authorization = header("authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return null;
        }
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return null;
        }
        start += "Credential=".length();
        int end = start;
        while (end < authorization.length()
                && authorization.charAt(end) != ','
                && !Character.isWhitespace(authorization.charAt(end))) {
            end++;
        }
        String[] parts = authorization.substring(start, end).split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        return parts;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
