package dev.bedrockgateway.limits;

import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelPrice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * What a call costs: the model catalog's prices, which may differ for a geography's inference profile (a
 * {@code global.} profile is cheaper for some models), under the operator's own prices
 * ({@code gateway.limits.prices."<model or profile ID>".input|output|cache-read|cache-write}, USD per million
 * tokens). A model with no price is counted in tokens and costs nothing; the log says so once per model.
 */
@Component
public class Pricing {

    static final String PREFIX = "gateway.limits.prices";
    private static final Logger log = LoggerFactory.getLogger(Pricing.class);
    private static final List<String> FIELDS = List.of("input", "output", "cache-read", "cache-write");
    private static final int UNPRICED_LOGGED = 1_000;

    private final ModelCatalog catalog;
    private final Map<String, ModelPrice> overrides;
    private final Set<String> unpricedSeen = ConcurrentHashMap.newKeySet();

    @Autowired
    Pricing(ModelCatalog catalog, ConfigurableEnvironment environment) {
        this(catalog, overrides(ConfiguredKeys.read(environment, PREFIX, FIELDS)));
    }

    Pricing(ModelCatalog catalog, Map<String, ModelPrice> overrides) {
        this.catalog = catalog;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The price of a model ID as Bedrock receives it: the operator's for that exact ID, else the operator's for
     * the foundation model behind a profile (a negotiated price applies to every profile of the model), else the
     * catalog's; null when nobody priced it.
     */
    public @Nullable ModelPrice price(String bedrockModelId) {
        ModelPrice price = overrides.get(bedrockModelId);
        String geography = Geographies.prefixOf(bedrockModelId);
        if (price == null && geography != null) {
            price = overrides.get(bedrockModelId.substring(geography.length() + 1));
        }
        return price != null ? price : catalog.price(bedrockModelId);
    }

    /**
     * The cost in micro-USD (USD per million tokens times tokens, rounded up so that no call is free), 0 for a
     * call that used nothing, or -1 when the model has no price.
     */
    long costMicros(String bedrockModelId, TokenCounts used) {
        if (used.total() == 0) {
            return 0;
        }
        ModelPrice price = price(bedrockModelId);
        if (price == null) {
            // Bounded: a caller sending made-up model names must not grow memory or the log without end.
            if (unpricedSeen.size() < UNPRICED_LOGGED && unpricedSeen.add(bedrockModelId)) {
                log.info(
                        "No price for model '{}': its calls are counted in tokens, with no cost. "
                                + "Set {}.\"{}\".input and .output (USD per million tokens) to price it.",
                        bedrockModelId,
                        PREFIX,
                        bedrockModelId);
            }
            return -1;
        }
        // Less a hair, so that floating-point noise (21.600000000000001) does not round a whole micro-USD up.
        return (long)
                Math.ceil(price.costUsd(used.input(), used.output(), used.cacheRead(), used.cacheWrite()) * 1e6 - 1e-6);
    }

    private static Map<String, ModelPrice> overrides(Map<String, Map<String, String>> entries) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        entries.forEach((model, fields) -> {
            String property = PREFIX + ".\"" + model + "\"";
            try {
                prices.put(
                        model,
                        new ModelPrice(
                                required(fields, "input", property),
                                required(fields, "output", property),
                                optional(fields, "cache-read", property),
                                optional(fields, "cache-write", property)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + ": " + e.getMessage(), e);
            }
        });
        return prices;
    }

    private static double required(Map<String, String> fields, String field, String property) {
        Double value = optional(fields, field, property);
        if (value == null) {
            throw new IllegalStateException(property + "." + field + ": set the price in USD per million tokens");
        }
        return value;
    }

    private static @Nullable Double optional(Map<String, String> fields, String field, String property) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + "." + field + ": '" + value + "' is not a number");
        }
    }
}
