package dev.bedrockgateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How late the web server runs work it is handed now: every 10 ms a probe is handed to the server's request
 * executor, and the time until it runs is the lag. When the CPU, not the calls in flight, runs out, every request
 * waits there before the gateway sees it, so the limit on calls in flight cannot tell; the lag can. Past
 * {@code gateway.limits.max-scheduling-lag} (opt-in), new calls are shed (503 and {@code Retry-After}) until it falls
 * again, so that the calls already admitted get the cores. A probe that has not run yet counts as late as it is.
 */
@Component
public class SchedulingLag implements DisposableBean {

    private static final long PERIOD_MS = 10;

    private final long maxNanos;
    private final Counter shed;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduling-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile @Nullable Executor requests;
    /** The last probe's lag. */
    private volatile long lastNanos;
    /** When the probe in the executor's queue was handed over; 0 when none is waiting. */
    private volatile long pendingSince;

    @Autowired
    SchedulingLag(LimitsProperties properties, MeterRegistry registry) {
        this(properties.maxSchedulingLag(), registry);
    }

    /**
     * A probe with its own limit.
     *
     * @param maxLag how late requests may run before new calls are shed; zero for never
     */
    public SchedulingLag(Duration maxLag, MeterRegistry registry) {
        this.maxNanos = maxLag.toNanos();
        Gauge.builder("gateway.scheduling.lag", this, lag -> lag.currentNanos() / 1e9)
                .baseUnit("seconds")
                .description("How late the web server runs a request handed to it now")
                .register(registry);
        this.shed = Counter.builder("gateway.shed")
                .description("Calls refused with 503 because this replica was full")
                .tag("reason", "scheduling_lag")
                .register(registry);
    }

    /**
     * Starts probing the executor the web server runs requests on (also with shedding off, for the gauge); without
     * one, nothing is ever late.
     */
    public void probe(Executor requestExecutor) {
        if (requests != null) {
            return;
        }
        requests = requestExecutor;
        ticker.scheduleWithFixedDelay(this::handOver, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void handOver() {
        Executor executor = requests;
        if (executor == null || pendingSince != 0) {
            return;
        }
        long handedOver = System.nanoTime();
        pendingSince = handedOver;
        try {
            executor.execute(() -> {
                lastNanos = System.nanoTime() - handedOver;
                pendingSince = 0;
            });
        } catch (RuntimeException rejected) {
            // A stopping server: nothing to measure.
            pendingSince = 0;
        }
    }

    /** Whether requests now wait longer than the limit to run, so a new call is shed (and counted). */
    public boolean shedsNow() {
        if (maxNanos > 0 && currentNanos() > maxNanos) {
            shed.increment();
            return true;
        }
        return false;
    }

    /** The lag now, in whole milliseconds, for messages. */
    public long currentMillis() {
        return Duration.ofNanos(currentNanos()).toMillis();
    }

    private long currentNanos() {
        long pending = pendingSince;
        long waiting = pending == 0 ? 0 : System.nanoTime() - pending;
        return Math.max(lastNanos, waiting);
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
