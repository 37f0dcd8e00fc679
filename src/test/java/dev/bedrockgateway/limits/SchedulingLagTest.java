package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulingLagTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SchedulingLag lag = new SchedulingLag(Duration.ofMillis(50), registry);
    /** An executor whose work waits until the test lets it run, like a server whose CPU is saturated. */
    private final List<Runnable> queued = new CopyOnWriteArrayList<>();

    private final Executor saturated = queued::add;

    @AfterEach
    void stop() {
        lag.destroy();
    }

    @Test
    void aServerThatRunsRequestsAtOnceShedsNothing() {
        lag.probe(Runnable::run);

        await().pollDelay(Duration.ofMillis(150)).until(() -> true);

        assertThat(lag.shedsNow()).isFalse();
        assertThat(registry.get("gateway.shed")
                        .tag("reason", "scheduling_lag")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void whileRequestsWaitLongerThanTheLimitNewCallsAreShedAndCounted() {
        lag.probe(saturated);

        await().atMost(Duration.ofSeconds(5)).until(lag::shedsNow);

        assertThat(lag.currentMillis()).isGreaterThan(50);
        assertThat(registry.get("gateway.shed")
                        .tag("reason", "scheduling_lag")
                        .counter()
                        .count())
                .isPositive();
        assertThat(registry.get("gateway.scheduling.lag").gauge().value()).isGreaterThan(0.05);
    }

    @Test
    void onceTheServerCatchesUpCallsAreAdmittedAgain() {
        lag.probe(saturated);
        await().atMost(Duration.ofSeconds(5)).until(lag::shedsNow);

        // The server runs what waits, and each probe from then on within a few milliseconds.
        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            List<Runnable> waiting = List.copyOf(queued);
            queued.clear();
            waiting.forEach(Runnable::run);
            return !lag.shedsNow();
        });

        assertThat(lag.currentMillis()).isLessThan(50);
    }

    @Test
    void aZeroLimitNeverShedsButTheLagIsStillMeasured() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        SchedulingLag off = new SchedulingLag(Duration.ZERO, own);
        off.probe(saturated);

        await().atMost(Duration.ofSeconds(5)).until(() -> off.currentMillis() > 50);

        assertThat(off.shedsNow()).isFalse();
        assertThat(own.get("gateway.scheduling.lag").gauge().value()).isGreaterThan(0.05);
        off.destroy();
    }
}
