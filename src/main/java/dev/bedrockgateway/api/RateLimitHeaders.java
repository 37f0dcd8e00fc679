package dev.bedrockgateway.api;

import dev.bedrockgateway.limits.LimitReport;
import dev.bedrockgateway.limits.Window;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit headers OpenAI sends and its SDKs and many tools read ({@code x-ratelimit-limit-requests},
 * {@code -remaining-}, {@code -reset-}, and the same for {@code -tokens}), from the tenant's tightest limits.
 * Resets are written as OpenAI writes them, in Go's duration format ({@code 20ms}, {@code 1.5s}, {@code 6m0s}).
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {}

    /** Sets the headers of the limits that applied; a limit the tenant does not have gets none. */
    static void write(HttpServletResponse response, LimitReport report) {
        write(response, "requests", report.requests());
        write(response, "tokens", report.tokens());
    }

    private static void write(HttpServletResponse response, String kind, @Nullable Window window) {
        if (window == null || response.isCommitted()) {
            return;
        }
        response.setHeader("x-ratelimit-limit-" + kind, Long.toString(window.limit()));
        response.setHeader("x-ratelimit-remaining-" + kind, Long.toString(window.remaining()));
        response.setHeader("x-ratelimit-reset-" + kind, goDuration(Duration.ofMillis(window.resetMillis())));
    }

    /** A duration as Go prints one, which is how OpenAI's reset headers read. */
    static String goDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + (millis == 0 ? "s" : "ms");
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long fraction = millis % 1000;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        text.append(seconds);
        if (fraction > 0) {
            String digits = String.format("%03d", fraction).replaceAll("0+$", "");
            text.append('.').append(digits);
        }
        return text.append('s').toString();
    }
}
