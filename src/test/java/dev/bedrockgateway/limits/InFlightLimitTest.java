package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

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
        assertThat(InFlightLimit.parse("auto", 768 * MIB, 24 * GIB, 100_000)).isEqualTo(5671);
        assertThat(InFlightLimit.parse("AUTO", 4 * GIB, 64 * GIB, 100_000)).isEqualTo(30_247);
        assertThat(InFlightLimit.parse("auto", MIB, 24 * GIB, 100_000))
                .as("a floor for tiny heaps")
                .isEqualTo(32);
    }

    @Test
    void autoTakesNoMoreCallsThanTheMemoryBesideTheHeapHolds() {
        assertThat(InFlightLimit.parse("auto", 768 * MIB, GIB, 100_000))
                .as("the image's heap in the chart's 1 GiB pod: 64 MiB beside heap and JVM")
                .isEqualTo(2730);
        assertThat(InFlightLimit.parse("auto", 960 * MIB, 1280 * MIB, 100_000))
                .as("a 1.25 GiB pod at the image's 75%")
                .isEqualTo(5461);
        assertThat(InFlightLimit.parse("auto", 768 * MIB, Long.MAX_VALUE, 100_000))
                .as("a JVM that cannot say its memory: the heap bounds it")
                .isEqualTo(5671);
        assertThat(InFlightLimit.parse("auto", GIB, GIB, 100_000))
                .as("a heap as large as the memory leaves only the floor")
                .isEqualTo(32);
    }

    @Test
    void autoNeverTakesMoreCallsThanTheBedrockPoolHasConnections() {
        assertThat(InFlightLimit.parse("auto", 768 * MIB, 24 * GIB, 1000)).isEqualTo(1000);
    }

    @Test
    void aNumberIsTakenAsIs() {
        assertThat(InFlightLimit.parse(" 300 ", 1, 1, 10)).isEqualTo(300);
    }

    @Test
    void aBadSettingFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> InFlightLimit.parse("0", 1, 1, 1))
                .hasMessageStartingWith("gateway.limits.max-in-flight: must be at least 1");
        assertThatThrownBy(() -> InFlightLimit.parse("-5", 1, 1, 1))
                .hasMessageContaining("gateway.limits.max-in-flight");
        assertThatThrownBy(() -> InFlightLimit.parse("lots", 1, 1, 1))
                .hasMessage("gateway.limits.max-in-flight: 'lots' is neither 'auto' nor a whole number");
    }
}
