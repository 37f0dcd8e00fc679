package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A model price turns token counts into USD, cache tokens at their own price when known, and refuses nonsense. */
class ModelPriceTest {

    private static final ModelPrice SONNET = new ModelPrice(3.0, 15.0, 0.3, 3.75);
    private static final ModelPrice WITHOUT_CACHE_PRICES = new ModelPrice(0.8, 3.2, null, null);

    @Test
    void inputAndOutputTokensCostTheirPricePerMillion() {
        assertThat(SONNET.costUsd(1_000_000, 0, 0, 0)).isCloseTo(3.0, within(1e-12));
        assertThat(SONNET.costUsd(0, 1_000_000, 0, 0)).isCloseTo(15.0, within(1e-12));
        assertThat(SONNET.costUsd(2_000, 500, 0, 0)).isCloseTo(0.006 + 0.0075, within(1e-12));
    }

    @Test
    void cacheTokensCostTheCachePricesWhenTheyAreKnown() {
        assertThat(SONNET.costUsd(0, 0, 1_000_000, 0)).isCloseTo(0.3, within(1e-12));
        assertThat(SONNET.costUsd(0, 0, 0, 1_000_000)).isCloseTo(3.75, within(1e-12));
        assertThat(SONNET.costUsd(1_000, 200, 10_000, 4_000)).isCloseTo(0.003 + 0.003 + 0.003 + 0.015, within(1e-12));
    }

    @Test
    void cacheTokensCostTheInputPriceWhenTheCachePricesAreUnknown() {
        assertThat(WITHOUT_CACHE_PRICES.costUsd(0, 0, 1_000_000, 0)).isCloseTo(0.8, within(1e-12));
        assertThat(WITHOUT_CACHE_PRICES.costUsd(0, 0, 0, 1_000_000)).isCloseTo(0.8, within(1e-12));
        assertThat(WITHOUT_CACHE_PRICES.costUsd(1_000_000, 1_000_000, 1_000_000, 1_000_000))
                .isCloseTo(0.8 + 3.2 + 0.8 + 0.8, within(1e-12));
    }

    @Test
    void onlyTheUnknownCachePriceFallsBackToInput() {
        ModelPrice readOnly = new ModelPrice(1.0, 5.0, 0.1, null);

        assertThat(readOnly.costUsd(0, 0, 1_000_000, 1_000_000)).isCloseTo(0.1 + 1.0, within(1e-12));
    }

    @Test
    void noTokensCostNothing() {
        assertThat(SONNET.costUsd(0, 0, 0, 0)).isZero();
    }

    @Test
    void aFreeModelIsAllowed() {
        assertThat(new ModelPrice(0, 0, 0.0, 0.0).costUsd(1_000, 1_000, 1_000, 1_000))
                .isZero();
    }

    @Test
    void aNegativePriceIsRefusedNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(-0.01, 1.0, null, null))
                .withMessageStartingWith("input ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, -1.0, null, null))
                .withMessageStartingWith("output ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, 1.0, -0.1, null))
                .withMessageStartingWith("cacheRead ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, 1.0, null, -0.1))
                .withMessageStartingWith("cacheWrite ");
    }

    @Test
    void aPriceThatIsNotAFiniteNumberIsRefusedNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(Double.NaN, 1.0, null, null))
                .withMessageStartingWith("input ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, Double.POSITIVE_INFINITY, null, null))
                .withMessageStartingWith("output ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, 1.0, Double.NaN, null))
                .withMessageStartingWith("cacheRead ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelPrice(1.0, 1.0, null, Double.NEGATIVE_INFINITY))
                .withMessageStartingWith("cacheWrite ");
    }
}
