package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void takesCallsUpToItsLimitAndShedsTheRest() {
        InFlightLimit limit = new InFlightLimit(2, registry);

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        assertThat(limit.inFlight()).isEqualTo(2);
        assertThat(registry.get("gateway.shed").counter().count()).isEqualTo(1);

        limit.release();
        assertThat(limit.tryAcquire()).isTrue();
    }

    @Test
    void publishesCallsInFlightAgainstItsLimitForAutoscaling() {
        InFlightLimit limit = new InFlightLimit(5, registry);
        limit.tryAcquire();

        assertThat(registry.get("gateway.in.flight").gauge().value()).isEqualTo(1);
        assertThat(registry.get("gateway.in.flight.limit").gauge().value()).isEqualTo(5);
    }

    @Test
    void autoGivesThreeQuartersOfTheHeapAtTheMeasuredMemoryPerCall() {
        assertThat(InFlightLimit.parse("auto", 768L * 1024 * 1024, 100_000)).isEqualTo(5671);
        assertThat(InFlightLimit.parse("AUTO", 4L * 1024 * 1024 * 1024, 100_000))
                .isEqualTo(30_247);
        assertThat(InFlightLimit.parse("auto", 1024 * 1024, 100_000))
                .as("a floor for tiny heaps")
                .isEqualTo(32);
    }

    @Test
    void autoNeverTakesMoreCallsThanTheBedrockPoolHasConnections() {
        assertThat(InFlightLimit.parse("auto", 768L * 1024 * 1024, 1000)).isEqualTo(1000);
    }

    @Test
    void aNumberIsTakenAsIs() {
        assertThat(InFlightLimit.parse(" 300 ", 1, 10)).isEqualTo(300);
    }

    @Test
    void aBadSettingFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> InFlightLimit.parse("0", 1, 1))
                .hasMessageStartingWith("gateway.limits.max-in-flight: must be at least 1");
        assertThatThrownBy(() -> InFlightLimit.parse("-5", 1, 1)).hasMessageContaining("gateway.limits.max-in-flight");
        assertThatThrownBy(() -> InFlightLimit.parse("lots", 1, 1))
                .hasMessage("gateway.limits.max-in-flight: 'lots' is neither 'auto' nor a whole number");
    }
}
