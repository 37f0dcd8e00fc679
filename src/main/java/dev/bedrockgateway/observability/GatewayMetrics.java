package dev.bedrockgateway.observability;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.RoutingRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The gateway's own meters (Prometheus names): {@code gateway_requests_seconds},
 * {@code gateway_tokens_total}, {@code gateway_time_to_first_token_seconds},
 * {@code gateway_upstream_errors_total}, {@code gateway_routing_rewrites_total} and
 * {@code gateway_cost_usd_total}. Every tag value comes
 * from a bounded set: configured tenant IDs, catalog model IDs (anything else is {@code other}), enums.
 */
@Component
public class GatewayMetrics {

    /** Bedrock's exception names; anything else is tagged {@code other}. */
    private static final Set<String> UPSTREAM_ERROR_TYPES = Set.of(
            "ValidationException",
            "AccessDeniedException",
            "ThrottlingException",
            "ServiceQuotaExceededException",
            "ModelTimeoutException",
            "ModelErrorException",
            "ModelNotReadyException",
            "ModelStreamErrorException",
            "ServiceUnavailableException",
            "InternalServerException",
            "ResourceNotFoundException",
            "UnrecognizedClientException",
            "ExpiredTokenException");
    /** Buckets for latency SLOs, from a cached short answer to a long generation. */
    private static final Duration[] REQUEST_SLOS = durations(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120);

    private static final Duration[] FIRST_TOKEN_SLOS = durations(0.1, 0.25, 0.5, 1, 2, 5, 10);

    private final ModelCatalog catalog;
    private final Meter.MeterProvider<Timer> requests;
    private final Meter.MeterProvider<Timer> firstToken;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> upstreamErrors;
    private final Meter.MeterProvider<Counter> rewrites;
    private final Meter.MeterProvider<Counter> cost;
    private final Meter.MeterProvider<Counter> fallbacks;

    GatewayMetrics(MeterRegistry registry, ModelCatalog catalog) {
        this.catalog = catalog;
        this.requests = Timer.builder("gateway.requests")
                .description("Chat requests, from arrival to the last byte")
                .serviceLevelObjectives(REQUEST_SLOS)
                .withRegistry(registry);
        this.firstToken = Timer.builder("gateway.time.to.first.token")
                .description("Streamed requests, from arrival to the first content from Bedrock")
                .serviceLevelObjectives(FIRST_TOKEN_SLOS)
                .withRegistry(registry);
        this.tokens = Counter.builder("gateway.tokens")
                .description("Tokens Bedrock reported")
                .withRegistry(registry);
        this.upstreamErrors = Counter.builder("gateway.upstream.errors")
                .description("Calls Bedrock failed, by exception")
                .withRegistry(registry);
        this.rewrites = Counter.builder("gateway.routing.rewrites")
                .description("Model names changed on their way to Bedrock, by rule")
                .withRegistry(registry);
        this.fallbacks = Counter.builder("gateway.fallbacks")
                .description("Calls moved to the next model of their fallback chain, by reason")
                .withRegistry(registry);
        this.cost = Counter.builder("gateway.cost.usd")
                .description("What calls cost at their model's price, in USD")
                .withRegistry(registry);
    }

    /** Records one finished request. */
    public void record(CallRecord call) {
        String model = modelTag(call.bedrockModelId());
        requests.withTags(Tags.of(
                        "tenant",
                        call.tenant(),
                        "api",
                        call.api(),
                        "model",
                        model,
                        "stream",
                        Boolean.toString(call.stream()),
                        "outcome",
                        call.outcome().tag(),
                        "service_tier",
                        call.serviceTier() == null ? ModelCapabilities.DEFAULT_TIER : call.serviceTier()))
                .record(call.durationNanos(), TimeUnit.NANOSECONDS);
        if (call.timeToFirstTokenNanos() >= 0) {
            firstToken
                    .withTags(Tags.of("tenant", call.tenant(), "api", call.api(), "model", model))
                    .record(call.timeToFirstTokenNanos(), TimeUnit.NANOSECONDS);
        }
        TokenUsage usage = call.usage();
        if (usage != null) {
            count(call.tenant(), model, "input", usage.inputTokens());
            count(call.tenant(), model, "output", usage.outputTokens());
            count(call.tenant(), model, "cache_read", usage.cacheReadInputTokens());
            count(call.tenant(), model, "cache_write", usage.cacheWriteInputTokens());
        }
        for (ChatCall.Fallback fallback : call.fallbacks()) {
            fallbacks
                    .withTags(Tags.of(
                            "tenant",
                            call.tenant(),
                            "from",
                            modelTag(fallback.from()),
                            "to",
                            modelTag(fallback.to()),
                            "reason",
                            fallback.reason().tag()))
                    .increment();
        }
        Double usd = call.costUsd();
        if (usd != null && usd > 0) {
            cost.withTags(Tags.of("tenant", call.tenant(), "model", model)).increment(usd);
        }
        if (call.upstreamErrorType() != null) {
            String type = UPSTREAM_ERROR_TYPES.contains(call.upstreamErrorType()) ? call.upstreamErrorType() : "other";
            upstreamErrors
                    .withTags(Tags.of("tenant", call.tenant(), "model", model, "type", type))
                    .increment();
        }
        for (RoutingRule rule : call.rules()) {
            rewrites.withTags(Tags.of(
                            "tenant",
                            call.tenant(),
                            "rule",
                            rule.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .increment();
        }
    }

    private void count(String tenant, String model, String direction, @Nullable Integer amount) {
        if (amount != null && amount > 0) {
            tokens.withTags(Tags.of("tenant", tenant, "model", model, "direction", direction))
                    .increment(amount);
        }
    }

    /** The model as a tag: {@code none} before routing, the ID when the catalog knows it, else {@code other}. */
    String modelTag(@Nullable String bedrockModelId) {
        if (bedrockModelId == null) {
            return "none";
        }
        return catalog.knows(bedrockModelId) ? bedrockModelId : "other";
    }

    private static Duration[] durations(double... seconds) {
        Duration[] durations = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            durations[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
        }
        return durations;
    }
}
