package dev.bedrockgateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Circuit breakers per tenant and model ({@code gateway.routing.breaker.*}): when most of a model's recent calls
 * failed for reasons worth retrying (throttling, unavailability, timeouts), its breaker opens for a while and calls
 * go straight to their fallback without waiting on Bedrock; then single probes close it again. Per replica.
 *
 * @param enabled whether breakers are kept
 * @param failureRatePercent the share of failed calls in the window that opens a breaker
 * @param minimumCalls calls in the window before the rate counts
 * @param window the calls the rate is taken over
 * @param openFor how long an open breaker refuses before it lets probes through
 * @param probes the calls let through to test a half-open breaker
 */
@ConfigurationProperties("gateway.routing.breaker")
public record BreakerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int failureRatePercent,
        @DefaultValue("10") int minimumCalls,
        @DefaultValue("20") int window,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("1") int probes) {

    public BreakerProperties {
        require(
                failureRatePercent > 0 && failureRatePercent <= 100,
                "failure-rate-percent",
                "1..100",
                failureRatePercent);
        require(minimumCalls >= 1, "minimum-calls", "at least 1", minimumCalls);
        require(window >= minimumCalls, "window", "at least minimum-calls", window);
        require(probes >= 1, "probes", "at least 1", probes);
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("gateway.routing.breaker.open-for must be positive, is " + openFor);
        }
    }

    private static void require(boolean ok, String property, String rule, int value) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "gateway.routing.breaker." + property + " must be " + rule + ", is " + value);
        }
    }
}
