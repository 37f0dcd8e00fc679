package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bedrockgateway.routing.CatalogModel;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelPrice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A call's price: the operator's for the exact ID, else the catalog's, else the operator's for the foundation model. */
class PricingTest {

    private static final String NOVA = "amazon.nova-lite-v1:0";
    private static final ModelPrice CATALOG_PRICE = new ModelPrice(0.06, 0.24, null, null);

    private final Logger logger = (Logger) LoggerFactory.getLogger(Pricing.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void anOperatorsPriceForAProfileWinsOverTheCatalogsForThatProfileOnly() {
        Pricing pricing = pricing(Map.of(
                "gateway.limits.prices.eu.amazon.nova-lite-v1:0.input", "0.078",
                "gateway.limits.prices.eu.amazon.nova-lite-v1:0.output", "0.312"));

        assertThat(pricing.price("eu." + NOVA)).isEqualTo(new ModelPrice(0.078, 0.312, null, null));
        assertThat(pricing.price("us." + NOVA)).isEqualTo(CATALOG_PRICE);
        assertThat(pricing.price(NOVA)).isEqualTo(CATALOG_PRICE);
    }

    @Test
    void anOperatorsPriceForAFoundationModelCoversItsProfilesTheCatalogDoesNotPrice() {
        Pricing pricing = pricing(Map.of(
                "gateway.limits.prices[vendor.custom-v1:0].input", "1",
                "gateway.limits.prices[vendor.custom-v1:0].output", "2",
                "gateway.limits.prices[vendor.custom-v1:0].cache-read", "0.1"));

        assertThat(pricing.price("us.vendor.custom-v1:0")).isEqualTo(new ModelPrice(1, 2, 0.1, null));
        assertThat(pricing.costMicros("us.vendor.custom-v1:0", new TokenCounts(1_000, 500, 100, 0)))
                .isEqualTo(1_000 + 1_000 + 10);
    }

    @Test
    void anOperatorsPriceForAFoundationModelWinsOverTheCatalogsForEachOfItsProfiles() {
        Pricing pricing = pricing(Map.of(
                "gateway.limits.prices[amazon.nova-lite-v1:0].input", "0.05",
                "gateway.limits.prices[amazon.nova-lite-v1:0].output", "0.2"));

        assertThat(pricing.price("us." + NOVA)).isEqualTo(new ModelPrice(0.05, 0.2, null, null));
    }

    @Test
    void aCallThatUsedNothingCostsNothingAndAnyOtherCostsAtLeastOneMicroDollar() {
        Pricing pricing = pricing(Map.of());

        assertThat(pricing.costMicros(NOVA, new TokenCounts(0, 0, 0, 0))).isZero();
        assertThat(pricing.costMicros("vendor.unpriced-v1:0", new TokenCounts(0, 0, 0, 0)))
                .isZero();
        // 1 input token at 0.06 USD per million: 0.06 micro-USD, rounded up.
        assertThat(pricing.costMicros(NOVA, new TokenCounts(1, 0, 0, 0))).isEqualTo(1);
        // 12 input and 3 output: 0.72 + 0.72 = 1.44 micro-USD.
        assertThat(pricing.costMicros(NOVA, new TokenCounts(12, 3, 0, 0))).isEqualTo(2);
        assertThat(pricing.costMicros(NOVA, new TokenCounts(1_000_000, 0, 0, 0)))
                .isEqualTo(60_000);
    }

    @Test
    void aModelWithoutAPriceCostsNothingAndIsLoggedOnce() {
        Pricing pricing = pricing(Map.of());

        for (int i = 0; i < 5; i++) {
            assertThat(pricing.costMicros("vendor.unpriced-v1:0", new TokenCounts(10, 10, 0, 0)))
                    .isEqualTo(-1);
        }

        assertThat(logged.list)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("No price for model 'vendor.unpriced-v1:0'", "gateway.limits.prices");
    }

    @Test
    void aPriceWithoutItsOutputOrWithAWordFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> pricing(Map.of("gateway.limits.prices[x.y-v1:0].input", "1")))
                .hasMessage("gateway.limits.prices.\"x.y-v1:0\".output: set the price in USD per million tokens");
        assertThatThrownBy(() -> pricing(Map.of(
                        "gateway.limits.prices[x.y-v1:0].input", "cheap",
                        "gateway.limits.prices[x.y-v1:0].output", "1")))
                .hasMessage("gateway.limits.prices.\"x.y-v1:0\".input: 'cheap' is not a number");
        assertThatThrownBy(() -> pricing(Map.of(
                        "gateway.limits.prices[x.y-v1:0].input", "-1",
                        "gateway.limits.prices[x.y-v1:0].output", "1")))
                .hasMessageStartingWith("gateway.limits.prices.\"x.y-v1:0\": ");
    }

    private static Pricing pricing(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new Pricing(catalog(), environment);
    }

    private static ModelCatalog catalog() {
        CatalogModel nova = new CatalogModel(NOVA, "amazon", List.of("us", "eu"), CATALOG_PRICE, Map.of());
        try {
            return BeanUtils.instantiateClass(ModelCatalog.class.getDeclaredConstructor(List.class), List.of(nova));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
