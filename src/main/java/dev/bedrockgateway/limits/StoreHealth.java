package dev.bedrockgateway.limits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared store answers. While it does not, calls skip it (no call waits on a dead Redis) and one
 * call a second tries it again; the log says so once when an outage starts and once when it ends.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long probeIntervalNanos;

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong nextProbeNanos = new AtomicLong();
    private volatile @Nullable String lastError;

    StoreHealth() {
        this(PROBE_INTERVAL_NANOS);
    }

    /** With another probe interval: tests use a short one. */
    StoreHealth(long probeIntervalNanos) {
        this.probeIntervalNanos = probeIntervalNanos;
    }

    /** Whether a call should use the store now: it is up, or it is time to try it again. */
    boolean worthTrying() {
        if (up.get()) {
            return true;
        }
        long now = System.nanoTime();
        long next = nextProbeNanos.get();
        // One caller per interval wins the probe; the others skip the store at once.
        return now - next >= 0 && nextProbeNanos.compareAndSet(next, now + probeIntervalNanos);
    }

    void succeeded() {
        if (!up.get() && up.compareAndSet(false, true)) {
            log.info("The limits store answers again; limits are enforced across replicas once more");
            lastError = null;
        }
    }

    void failed(RuntimeException error) {
        nextProbeNanos.set(System.nanoTime() + probeIntervalNanos);
        // The exception's type and message only: a connection URL with a password never reaches the log.
        lastError = error.getClass().getSimpleName();
        if (up.compareAndSet(true, false)) {
            log.warn(
                    "The limits store cannot be reached ({}); applying gateway.limits.on-store-failure until it answers",
                    lastError);
        }
    }

    boolean up() {
        return up.get();
    }

    /** The kind of the last failure, while the store is down. */
    @Nullable String lastError() {
        return lastError;
    }
}
