package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelPrice;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits in {@code config/application-example.yml} work as written: they bind, the per-model glob keeps its
 * stars, the price override applies, and the research tenant's budget passes the startup check against the
 * built-in catalog's prices.
 */
class ExampleLimitsConfigurationTest {

    private static final StandardEnvironment ENVIRONMENT = new StandardEnvironment();

    @BeforeAll
    static void loadTheExample() throws IOException {
        ENVIRONMENT
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "injected",
                        Map.of(
                                "ANALYTICS_API_KEY", "analytics-key",
                                "CHATBOT_API_KEY", "chatbot-key",
                                "REDIS_AUTH_TOKEN", "token")));
        new YamlPropertySourceLoader()
                .load("application-example", new FileSystemResource(Path.of("config/application-example.yml")))
                .forEach(ENVIRONMENT.getPropertySources()::addLast);
    }

    @Test
    void theExampleStoreIsRedisWithDefaultsForEveryTenant() {
        LimitsProperties properties = limitsProperties();

        assertThat(properties.store()).isEqualTo(LimitsProperties.Store.REDIS);
        assertThat(properties.onStoreFailure()).isEqualTo(LimitsProperties.StoreFailure.ALLOW);
        assertThat(properties.defaults().requestsPerMinute()).isEqualTo(1200);
        // Host and password, not a URL: with a URL Spring Boot would ignore the password.
        assertThat(ENVIRONMENT.getProperty("spring.data.redis.host")).endsWith(".cache.amazonaws.com");
        assertThat(ENVIRONMENT.getProperty("spring.data.redis.ssl.enabled")).isEqualTo("true");
        assertThat(ENVIRONMENT.getProperty("spring.data.redis.url")).isNull();
    }

    @Test
    void theResearchTenantsLimitsResolveOverTheDefaultsAndItsBudgetIsFullyPriced() {
        ModelCatalog catalog = builtInCatalog();
        Pricing pricing = new Pricing(catalog, ENVIRONMENT);
        TenancyProperties tenancy =
                Binder.get(ENVIRONMENT).bind("gateway", TenancyProperties.class).get();

        TenantLimitsTable table =
                new TenantLimitsTable(limitsProperties(), tenancy, registry(tenancy), pricing, catalog, ENVIRONMENT);

        TenantLimits research = table.of("research");
        assertThat(research.requestsPerMinute()).isEqualTo(600);
        assertThat(research.concurrentRequests()).isEqualTo(50);
        assertThat(research.usdPerMonthMicros()).isEqualTo(1_000_000_000L);
        assertThat(research.models()).singleElement().satisfies(model -> {
            assertThat(model.glob()).isEqualTo("*opus*");
            assertThat(model.tokensPerMinute()).isEqualTo(100_000);
        });
        TenantLimits chatbot = table.of("chatbot");
        assertThat(chatbot.requestsPerMinute()).as("the default").isEqualTo(1200);
        assertThat(chatbot.concurrentRequests()).isEqualTo(100);
        assertThat(chatbot.usdPerDayMicros()).isZero();
    }

    @Test
    void thePriceOverrideReplacesTheCatalogsForThatProfileOnly() {
        Pricing pricing = new Pricing(builtInCatalog(), ENVIRONMENT);

        assertThat(pricing.price("global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .isEqualTo(new ModelPrice(3.0, 15.0, 0.3, 3.75));
        assertThat(pricing.price("us.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .isEqualTo(builtInCatalog().price("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
    }

    private static LimitsProperties limitsProperties() {
        return Binder.get(ENVIRONMENT)
                .bind("gateway.limits", LimitsProperties.class)
                .get();
    }

    private static ModelCatalog builtInCatalog() {
        try {
            return BeanUtils.instantiateClass(
                    ModelCatalog.class.getDeclaredConstructor(JsonMapper.class),
                    JsonMapper.builder().build());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TenantRegistry registry(TenancyProperties tenancy) {
        try {
            return BeanUtils.instantiateClass(
                    TenantRegistry.class.getDeclaredConstructor(TenancyProperties.class), tenancy);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
