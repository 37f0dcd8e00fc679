package dev.bedrockgateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The most calls one replica takes at once, streams included. Past it a call is shed at once (503 with
 * {@code Retry-After}), never queued: a full replica answers quickly and stays healthy, and callers or the load
 * balancer try another. One atomic counter, no lock.
 *
 * <p>{@code auto} sizes the limit from the heap: three quarters of it for calls in flight, at
 * {@value #AUTO_BYTES_PER_CALL} bytes each, about the live heap a call in flight was measured to hold (102 KiB for a
 * Converse call, 47 KiB for a stream: docs/performance.md), leaving the rest to the idle gateway (about 40 MiB) and
 * the young generation's churn. The image's 768 MiB heap takes about 5,500 calls. Nor does it take more than the
 * memory beside the heap holds (the machine's or the container's, as the JVM sees it, less the maximum heap and
 * {@value #NATIVE_BASELINE_MIB} MiB for the JVM itself), at {@value #NATIVE_BYTES_PER_CALL} bytes each: the direct
 * buffers and native memory a stream was measured to add. A full heap is normal under Serial GC, so it is the sum
 * that must fit the pod: the image's 768 MiB heap in a 1 GiB pod leaves room for about 2,700. It never exceeds
 * {@code gateway.bedrock.max-connections} either: each call in flight
 * holds a connection of the Bedrock client's pool, and a call past the pool would wait for one (up to the connect
 * timeout) only to be refused; here it is refused at once.
 */
@Component
public class InFlightLimit {

    static final long AUTO_BYTES_PER_CALL = 104 * 1024;
    /** Native memory a call in flight adds beside the heap (99 MB for 5,000 streams: docs/performance.md). */
    static final long NATIVE_BYTES_PER_CALL = 24 * 1024;
    /** The JVM's own memory beside the heap: code, metaspace, class data, threads (about 170 MB measured idle). */
    static final long NATIVE_BASELINE_MIB = 192;
    /** Read as a setting, not through the {@code bedrock} package, which this package does not know. */
    private static final String BEDROCK_MAX_CONNECTIONS = "gateway.bedrock.max-connections";

    private static final int DEFAULT_MAX_CONNECTIONS = 8192;
    private static final int AUTO_MINIMUM = 32;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;

    @Autowired
    InFlightLimit(LimitsProperties properties, Environment environment, MeterRegistry registry) {
        this(
                parse(
                        properties.maxInFlight(),
                        Runtime.getRuntime().maxMemory(),
                        memoryBytes(),
                        environment.getProperty(BEDROCK_MAX_CONNECTIONS, Integer.class, DEFAULT_MAX_CONNECTIONS)),
                registry);
    }

    InFlightLimit(int limit, MeterRegistry registry) {
        this.limit = limit;
        Gauge.builder("gateway.in.flight", inFlight, AtomicInteger::get)
                .description("Calls in flight in this replica, streams included")
                .register(registry);
        Gauge.builder("gateway.in.flight.limit", () -> this.limit)
                .description("The most calls in flight this replica takes (gateway.limits.max-in-flight)")
                .register(registry);
        this.shed = Counter.builder("gateway.shed")
                .description("Calls refused with 503 because this replica was full")
                .tag("reason", "in_flight")
                .register(registry);
    }

    /** Takes a place for a call, or says the replica is full (and counts the call shed). */
    public boolean tryAcquire() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            shed.increment();
            return false;
        }
        return true;
    }

    /** Frees the place of a call that ended. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /**
     * The memory of the machine or, in a container, its limit: the JVM reads the cgroup's. A JVM that cannot say
     * leaves the heap and the pool to bound the limit.
     */
    private static long memoryBytes() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize()
                : Long.MAX_VALUE;
    }

    public int limit() {
        return limit;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The limit a setting gives on a heap of {@code maxHeapBytes} in {@code memoryBytes} of memory, with a Bedrock pool
     * of {@code maxConnections}.
     */
    static int parse(String setting, long maxHeapBytes, long memoryBytes, int maxConnections) {
        String value = setting.strip().toLowerCase(Locale.ROOT);
        if (value.equals("auto")) {
            long byHeap = maxHeapBytes / 4 * 3 / AUTO_BYTES_PER_CALL;
            long beside = memoryBytes - maxHeapBytes - NATIVE_BASELINE_MIB * 1024 * 1024;
            long byMemory = Math.max(0, beside) / NATIVE_BYTES_PER_CALL;
            return (int) Math.max(AUTO_MINIMUM, Math.min(Math.min(byHeap, byMemory), maxConnections));
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "gateway.limits.max-in-flight: '" + setting + "' is neither 'auto' nor a whole number");
        }
        if (limit < 1) {
            throw new IllegalStateException(
                    "gateway.limits.max-in-flight: must be at least 1 (or 'auto'), was " + limit);
        }
        return limit;
    }
}
