package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.BreakerProperties;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.tenant.AwsTarget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per tenant target (AWS identity and region) and Bedrock model ID, made on first
 * use, named {@code <tenant>/<target>/<model ID>}. A failure counts when it is
 * one worth retrying elsewhere ({@link RetryReason}); anything else (an answer, a validation error) shows Bedrock
 * serving. Their states are the {@code resilience4j_circuitbreaker_state} metric, on the management port. Only
 * models the catalog knows get one: callers choose model IDs, and an arbitrary one must not become a breaker, a
 * metric series or a tag.
 */
@Component
class ModelBreakers {

    private final boolean enabled;
    private final ModelCatalog catalog;
    private final CircuitBreakerRegistry registry;

    ModelBreakers(BreakerProperties properties, ModelCatalog catalog, MeterRegistry meters) {
        this.enabled = properties.enabled();
        this.catalog = catalog;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRatePercent())
                .minimumNumberOfCalls(properties.minimumCalls())
                .slidingWindowSize(properties.window())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The breaker for a target's model, or null when breakers are off or the catalog does not know the model. */
    @Nullable CircuitBreaker of(AwsTarget target, String bedrockModelId) {
        if (!enabled || !catalog.knows(bedrockModelId)) {
            return null;
        }
        return registry.circuitBreaker(target.tenantId() + "/" + target.name() + "/" + bedrockModelId);
    }

    /** Lets a call through, or refuses it at once while the model's breaker is open. */
    static void acquire(@Nullable CircuitBreaker breaker, String bedrockModelId) {
        if (breaker != null && !breaker.tryAcquirePermission()) {
            throw GatewayException.refused(
                    ErrorKind.UPSTREAM_UNAVAILABLE,
                    RetryReason.CIRCUIT_OPEN,
                    "Bedrock failed most recent calls to " + bedrockModelId
                            + ", so the gateway stopped sending them for a while; retry shortly",
                    Duration.ofSeconds(1));
        }
    }

    /** Records how a let-through call went. */
    static void record(@Nullable CircuitBreaker breaker, long startNanos, @Nullable GatewayException failure) {
        if (breaker == null) {
            return;
        }
        long elapsed = System.nanoTime() - startNanos;
        if (failure != null && RetryReason.of(failure) != null) {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    /** Tells a stream's breaker how it went: served at its first event, failed if it failed before. */
    static final class Recording implements ChatStreamListener {

        private final CircuitBreaker breaker;
        private final ChatStreamListener events;
        private final long start = System.nanoTime();
        private volatile boolean recorded;

        Recording(CircuitBreaker breaker, ChatStreamListener events) {
            this.breaker = breaker;
            this.events = events;
        }

        @Override
        public void onEvent(ChatStreamEvent event) {
            if (!recorded) {
                recorded = true;
                record(breaker, start, null);
            }
            events.onEvent(event);
        }

        @Override
        public void onError(GatewayException error) {
            if (!recorded) {
                recorded = true;
                record(breaker, start, error);
            }
            events.onError(error);
        }

        @Override
        public void onComplete() {
            if (!recorded) {
                recorded = true;
                record(breaker, start, null);
            }
            events.onComplete();
        }
    }
}
