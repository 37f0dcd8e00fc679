package dev.bedrockgateway.limits;

import dev.bedrockgateway.routing.CatalogModel;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Every tenant's limits, its own values over {@code gateway.limits.defaults}, checked at startup: a negative
 * value, a zero where zero means nothing, or a budget over a model nobody priced fails startup naming the
 * property, never a call later.
 */
@Component
public class TenantLimitsTable {

    private static final List<String> MODEL_FIELDS = List.of("requests-per-minute", "tokens-per-minute");
    private static final String DEFAULTS = "gateway.limits.defaults";

    private final Map<String, TenantLimits> byTenant;

    @Autowired
    TenantLimitsTable(
            LimitsProperties properties,
            TenancyProperties tenancy,
            TenantRegistry registry,
            Pricing pricing,
            ModelCatalog catalog,
            ConfigurableEnvironment environment) {
        this(
                properties,
                tenancy,
                registry,
                pricing,
                catalog,
                prefix -> ConfiguredKeys.read(environment, prefix, MODEL_FIELDS));
    }

    TenantLimitsTable(
            LimitsProperties properties,
            TenancyProperties tenancy,
            TenantRegistry registry,
            Pricing pricing,
            ModelCatalog catalog,
            Function<String, Map<String, Map<String, String>>> modelLimits) {
        Map<String, TenantLimits> limits = new LinkedHashMap<>();
        for (Tenant tenant : registry.all()) {
            TenancyProperties.TenantSettings settings = tenancy.tenants().get(tenant.id());
            String property = settings == null ? DEFAULTS : "gateway.tenants." + tenant.id() + ".limits";
            TenantLimits resolved = resolve(
                    properties.defaults(),
                    settings == null ? null : settings.limits(),
                    property,
                    modelLimits.apply(DEFAULTS + ".models"),
                    settings == null ? Map.of() : modelLimits.apply(property + ".models"));
            if (resolved.usdPerDayMicros() > 0 || resolved.usdPerMonthMicros() > 0) {
                requirePrices(tenant, property, pricing, catalog);
            }
            limits.put(tenant.id(), resolved);
        }
        this.byTenant = Map.copyOf(limits);
    }

    private TenantLimitsTable(Map<String, TenantLimits> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    /** A table of limits already resolved. */
    static TenantLimitsTable of(Map<String, TenantLimits> byTenant) {
        return new TenantLimitsTable(byTenant);
    }

    /** The tenant's limits; {@link TenantLimits#NONE} for a tenant the table does not know. */
    public TenantLimits of(String tenantId) {
        return byTenant.getOrDefault(tenantId, TenantLimits.NONE);
    }

    private static TenantLimits resolve(
            TenancyProperties.Limits defaults,
            TenancyProperties.@Nullable Limits own,
            String property,
            Map<String, Map<String, String>> defaultModels,
            Map<String, Map<String, String>> ownModels) {
        String where = own == null ? DEFAULTS : property;
        Long rpm = pick(own == null ? null : own.requestsPerMinute(), defaults.requestsPerMinute());
        Long tpm = pick(own == null ? null : own.tokensPerMinute(), defaults.tokensPerMinute());
        Integer concurrent = pick(own == null ? null : own.concurrentRequests(), defaults.concurrentRequests());
        BigDecimal day = pick(
                own == null ? null : own.budget().usdPerDay(), defaults.budget().usdPerDay());
        BigDecimal month = pick(
                own == null ? null : own.budget().usdPerMonth(),
                defaults.budget().usdPerMonth());
        Map<String, Map<String, String>> models = new LinkedHashMap<>(defaultModels);
        models.putAll(ownModels);
        List<TenantLimits.ModelLimit> modelLimits = new ArrayList<>();
        models.forEach((glob, fields) -> modelLimits.add(modelLimit(glob, fields, where + ".models.\"" + glob + "\"")));
        return new TenantLimits(
                positive(rpm, where + ".requests-per-minute"),
                positive(tpm, where + ".tokens-per-minute"),
                Math.toIntExact(
                        positive(concurrent == null ? null : concurrent.longValue(), where + ".concurrent-requests")),
                micros(day, where + ".budget.usd-per-day"),
                micros(month, where + ".budget.usd-per-month"),
                modelLimits);
    }

    private static TenantLimits.ModelLimit modelLimit(String glob, Map<String, String> fields, String property) {
        long rpm = positive(
                number(fields.get("requests-per-minute"), property + ".requests-per-minute"),
                property + ".requests-per-minute");
        long tpm = positive(
                number(fields.get("tokens-per-minute"), property + ".tokens-per-minute"),
                property + ".tokens-per-minute");
        if (rpm == 0 && tpm == 0) {
            throw new IllegalStateException(property + ": set requests-per-minute or tokens-per-minute");
        }
        return new TenantLimits.ModelLimit(glob, Tenant.glob(glob), rpm, tpm);
    }

    /**
     * A budget needs a price for every model the tenant may call: the catalog models its allow-list admits
     * (every one when it has none), and any model ID it names outright that the catalog does not know.
     */
    private static void requirePrices(Tenant tenant, String property, Pricing pricing, ModelCatalog catalog) {
        List<String> unpriced = new ArrayList<>();
        for (CatalogModel model : catalog.models()) {
            boolean allowed = tenant.allowsModel(model.id(), model.id())
                    || model.geographies().stream()
                            .anyMatch(geography -> tenant.allowsModel(model.id(), geography + "." + model.id()));
            if (allowed && pricing.price(model.id()) == null) {
                unpriced.add(model.id());
            }
        }
        for (String glob : tenant.allowedModelGlobs()) {
            boolean literal = glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
            if (literal && catalog.find(glob) == null && pricing.price(glob) == null) {
                unpriced.add(glob);
            }
        }
        if (!unpriced.isEmpty()) {
            throw new IllegalStateException(property + ".budget: no price is known for " + unpriced
                    + ", which this tenant may call; price them under " + Pricing.PREFIX
                    + ".\"<model ID>\".input/output (USD per million tokens), or narrow its allowed-models");
        }
    }

    private static <T> @Nullable T pick(@Nullable T own, @Nullable T fallback) {
        return own != null ? own : fallback;
    }

    private static long positive(@Nullable Long value, String property) {
        if (value == null) {
            return 0;
        }
        if (value < 1) {
            throw new IllegalStateException(
                    property + ": must be at least 1 (leave it unset for no limit), was " + value);
        }
        return value;
    }

    private static @Nullable Long number(@Nullable String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + ": '" + value + "' is not a whole number");
        }
    }

    private static long micros(@Nullable BigDecimal usd, String property) {
        if (usd == null) {
            return 0;
        }
        if (usd.signum() <= 0) {
            throw new IllegalStateException(
                    property + ": must be more than 0 USD (leave it unset for no budget), was " + usd.toPlainString());
        }
        return Objects.requireNonNull(usd.movePointRight(6))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }
}
