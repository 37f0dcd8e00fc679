package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrockgateway.routing.CatalogModel;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelPrice;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.TenancyProperties.Budget;
import dev.bedrockgateway.tenant.TenancyProperties.Limits;
import dev.bedrockgateway.tenant.TenancyProperties.TenantSettings;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

/**
 * A tenant's limits are its own values over the defaults, and every mistake fails startup naming the property:
 * negative or zero limits, a per-model limit without a limit, and a budget over a model nobody priced.
 */
class TenantLimitsTableTest {

    private static final String NOVA = "amazon.nova-lite-v1:0";
    private static final String UNPRICED = "vendor.unpriced-v1:0";
    private static final Limits NONE = limits(null, null, null, null);
    private static final ModelCatalog CATALOG = catalog(List.of(
            new CatalogModel(NOVA, "amazon", List.of("us", "eu")), new CatalogModel(UNPRICED, "vendor", List.of())));
    private static final Pricing PRICING = new Pricing(CATALOG, Map.of(NOVA, new ModelPrice(0.06, 0.24, null, null)));

    @Test
    void aTenantsOwnValuesReplaceTheDefaultsOneByOne() {
        TenantLimitsTable table = table(
                limits(600L, 400_000L, 50, new BigDecimal("10")),
                Map.of("team-a", settings(limits(null, 1_000L, null, null), "*nova*")),
                Map.of());

        assertThat(table.of("team-a")).isEqualTo(new TenantLimits(600, 1_000, 50, 10_000_000, 0, List.of()));
    }

    @Test
    void withoutDefaultsOrOwnValuesATenantHasNoLimits() {
        assertThat(table(NONE, Map.of("team-a", settings(NONE)), Map.of()).of("team-a"))
                .isEqualTo(TenantLimits.NONE);
        assertThat(table(NONE, Map.of("team-a", settings(NONE)), Map.of()).of("stranger"))
                .isEqualTo(TenantLimits.NONE);
    }

    @Test
    void perModelLimitsKeepTheirGlobAndATenantsOwnReplaceTheDefaultsForTheSameGlob() {
        Map<String, Map<String, Map<String, String>>> models = Map.of(
                "gateway.limits.defaults.models",
                Map.of("*opus*", Map.of("tokens-per-minute", "100"), "*haiku*", Map.of("requests-per-minute", "5")),
                "gateway.tenants.team-a.limits.models",
                Map.of("*opus*", Map.of("tokens-per-minute", "7")));

        TenantLimits limits =
                table(NONE, Map.of("team-a", settings(NONE)), models).of("team-a");

        assertThat(limits.models())
                .extracting(
                        TenantLimits.ModelLimit::glob,
                        TenantLimits.ModelLimit::requestsPerMinute,
                        TenantLimits.ModelLimit::tokensPerMinute)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("*opus*", 0L, 7L),
                        org.assertj.core.groups.Tuple.tuple("*haiku*", 5L, 0L));
        assertThat(limits.models().get(0).matches("x", "us.anthropic.claude-opus-4-5-20251101-v1:0")
                        || limits.models().get(1).matches("x", "us.anthropic.claude-opus-4-5-20251101-v1:0"))
                .isTrue();
    }

    @Test
    void aNegativeOrZeroLimitFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> table(NONE, Map.of("team-a", settings(limits(-1L, null, null, null))), Map.of()))
                .hasMessage("gateway.tenants.team-a.limits.requests-per-minute: must be at least 1 "
                        + "(leave it unset for no limit), was -1");
        assertThatThrownBy(() -> table(limits(null, 0L, null, null), Map.of("team-a", settings(NONE)), Map.of()))
                .hasMessageStartingWith("gateway.tenants.team-a.limits.tokens-per-minute: must be at least 1");
        assertThatThrownBy(() -> table(NONE, Map.of("team-a", settings(limits(null, null, 0, null))), Map.of()))
                .hasMessageStartingWith("gateway.tenants.team-a.limits.concurrent-requests: must be at least 1");
        assertThatThrownBy(() ->
                        table(NONE, Map.of("b", settings(limits(null, null, null, BigDecimal.ZERO))), Map.of()))
                .hasMessageStartingWith("gateway.tenants.b.limits.budget.usd-per-day: must be more than 0 USD");
    }

    @Test
    void aPerModelLimitMustSayALimitAndAWholeNumber() {
        assertThatThrownBy(() -> table(
                        NONE,
                        Map.of("team-a", settings(NONE)),
                        Map.of("gateway.tenants.team-a.limits.models", Map.of("*opus*", Map.of()))))
                .hasMessage(
                        "gateway.tenants.team-a.limits.models.\"*opus*\": set requests-per-minute or tokens-per-minute");
        assertThatThrownBy(() -> table(
                        NONE,
                        Map.of("team-a", settings(NONE)),
                        Map.of(
                                "gateway.tenants.team-a.limits.models",
                                Map.of("*opus*", Map.of("tokens-per-minute", "lots")))))
                .hasMessage(
                        "gateway.tenants.team-a.limits.models.\"*opus*\".tokens-per-minute: 'lots' is not a whole number");
    }

    @Test
    void aBudgetOverAModelWithoutAPriceFailsStartupNamingTheModel() {
        assertThatThrownBy(() ->
                        table(NONE, Map.of("team-a", settings(limits(null, null, null, BigDecimal.ONE))), Map.of()))
                .hasMessageStartingWith(
                        "gateway.tenants.team-a.limits.budget: no price is known for [" + UNPRICED + "]");
        assertThatThrownBy(() -> table(
                        NONE,
                        Map.of("team-a", settings(limits(null, null, null, BigDecimal.ONE), "custom.model-v1:0")),
                        Map.of()))
                .hasMessageContaining("[custom.model-v1:0]");
    }

    @Test
    void aBudgetIsFineWhenEveryModelTheTenantMayCallHasAPrice() {
        TenantLimitsTable table = table(
                NONE, Map.of("team-a", settings(limits(null, null, null, new BigDecimal("0.5")), "*nova*")), Map.of());

        assertThat(table.of("team-a").usdPerDayMicros()).isEqualTo(500_000);
    }

    private static TenantLimitsTable table(
            Limits defaults,
            Map<String, TenantSettings> tenants,
            Map<String, Map<String, Map<String, String>>> models) {
        TenancyProperties tenancy = new TenancyProperties(new TenancyProperties.Auth(true), tenants);
        TenantRegistry registry = registry(tenancy);
        LimitsProperties properties = new LimitsProperties(
                LimitsProperties.Store.MEMORY,
                LimitsProperties.StoreFailure.ALLOW,
                "auto",
                java.time.Duration.ofMillis(100),
                4096,
                Duration.ofMinutes(15),
                "bgw",
                defaults);
        return new TenantLimitsTable(
                properties, tenancy, registry, PRICING, CATALOG, prefix -> models.getOrDefault(prefix, Map.of()));
    }

    private static TenantSettings settings(Limits limits, String... allowedModels) {
        return new TenantSettings(
                List.of("key-" + limits.hashCode() + "-" + System.nanoTime()),
                new TenancyProperties.Aws(null, null, null, null, null, null),
                null,
                List.of(),
                List.of(allowedModels),
                limits,
                null);
    }

    private static Limits limits(Long rpm, Long tpm, Integer concurrent, BigDecimal usdPerDay) {
        return new Limits(rpm, tpm, concurrent, new Budget(usdPerDay, null));
    }

    private static TenantRegistry registry(TenancyProperties tenancy) {
        try {
            return BeanUtils.instantiateClass(
                    TenantRegistry.class.getDeclaredConstructor(TenancyProperties.class), tenancy);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelCatalog catalog(List<CatalogModel> models) {
        try {
            return BeanUtils.instantiateClass(ModelCatalog.class.getDeclaredConstructor(List.class), models);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
