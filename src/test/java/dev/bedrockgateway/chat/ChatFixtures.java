package dev.bedrockgateway.chat;

import dev.bedrockgateway.limits.TenantLimiter;
import dev.bedrockgateway.routing.BreakerProperties;
import dev.bedrockgateway.routing.FallbackChains;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RoutingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import tools.jackson.databind.json.JsonMapper;

/** What the chat service's tests share: the real routing over the built-in catalog. */
final class ChatFixtures {

    static final String HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private ChatFixtures() {}

    /** The core's gate with the real routing and no retries or fallbacks. */
    static ModelGate gate(ChatBackend backend, TenantLimiter limiter) {
        return gate(backend, limiter, RetryProperties.none(), FallbackChains.of(Map.of()));
    }

    /** The core's gate with the real routing and the given retries and fallbacks. */
    static ModelGate gate(ChatBackend backend, TenantLimiter limiter, RetryProperties retry, FallbackChains chains) {
        return gate(
                backend, limiter, retry, chains, new BreakerProperties(false, 50, 10, 20, Duration.ofSeconds(30), 1));
    }

    /** The core's gate with the real routing, the given retries and fallbacks, and circuit breakers. */
    static ModelGate gate(
            ChatBackend backend,
            TenantLimiter limiter,
            RetryProperties retry,
            FallbackChains chains,
            BreakerProperties breakers) {
        return new ModelGate(
                routing(),
                backend,
                limiter,
                retry,
                chains,
                new ModelBreakers(breakers, catalog(), new SimpleMeterRegistry()));
    }

    /** The real routing: its constructors are kept to its package, so the test reaches them reflectively. */
    static ModelRoutingService routing() {
        try {
            ModelCatalog catalog = catalog();
            RoutingProperties properties = new RoutingProperties(
                    null,
                    Map.of(),
                    Map.of("haiku", HAIKU),
                    new RoutingProperties.Discovery(false, Duration.ofHours(6)),
                    List.of());
            return BeanUtils.instantiateClass(
                    ModelRoutingService.class.getDeclaredConstructor(ModelCatalog.class, RoutingProperties.class),
                    catalog,
                    properties);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The built-in catalog. */
    static ModelCatalog catalog() {
        try {
            return BeanUtils.instantiateClass(
                    ModelCatalog.class.getDeclaredConstructor(JsonMapper.class),
                    JsonMapper.builder().build());
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
