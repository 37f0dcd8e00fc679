package dev.bedrockgateway.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counters in Redis, shared by every replica. Each operation is one Lua script, one round trip, atomic in
 * Redis, on Redis's clock. A tenant's keys share a hash tag ({@code {team-a}}), so they live in one slot of a
 * Redis cluster. Settling is sent without waiting: the caller already has its answer. A settle Redis could not take
 * (an outage) waits in a bounded queue and is sent again once Redis answers, so that a short outage does not leave
 * calls counted in flight until their lease ends, nor their usage uncounted.
 */
final class RedisLimitStore implements LimitStore {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADMIT =
            RedisScript.of(new ClassPathResource("limits/admit.lua"), List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SNAPSHOT =
            RedisScript.of(new ClassPathResource("limits/snapshot.lua"), List.class);

    private static final RedisScript<Long> SETTLE =
            RedisScript.of(new ClassPathResource("limits/settle.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final ReactiveStringRedisTemplate reactive;
    private final String prefix;
    private final long leaseMillis;
    private final StoreHealth health;
    private final Queue<Settle> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    /** At most this many settles wait for Redis; past it the oldest are dropped (their leases still end). */
    static final int MAX_PENDING = 10_000;

    RedisLimitStore(
            StringRedisTemplate redis,
            ReactiveStringRedisTemplate reactive,
            String prefix,
            long leaseMillis,
            StoreHealth health) {
        this.redis = redis;
        this.reactive = reactive;
        this.prefix = prefix;
        this.leaseMillis = leaseMillis;
        this.health = health;
    }

    @Override
    public Decision admit(Admission admission) {
        List<String> keys = keys(admission.tenant(), admission.periods(), admission.buckets());
        List<String> args = new ArrayList<>(7 + 2 * admission.buckets().size());
        args.add(admission.callId());
        args.add(Integer.toString(admission.concurrency()));
        args.add(Long.toString(leaseMillis));
        args.add(Long.toString(admission.dayBudgetMicros()));
        args.add(Long.toString(admission.monthBudgetMicros()));
        args.add(Long.toString(admission.periods().millisToDayEnd()));
        args.add(Long.toString(admission.periods().millisToMonthEnd()));
        for (Bucket bucket : admission.buckets()) {
            args.add(Long.toString(bucket.perMinute()));
            args.add(Long.toString(bucket.need()));
        }
        List<?> result = run(ADMIT, keys, args);
        int buckets = admission.buckets().size();
        long[] remaining = new long[buckets];
        long[] reset = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            remaining[i] = number(result, 3 + 2 * i);
            reset[i] = number(result, 4 + 2 * i);
        }
        return new Decision(
                Decision.Refusal.values()[(int) number(result, 0)],
                (int) number(result, 1),
                number(result, 2),
                remaining,
                reset);
    }

    @Override
    public void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros) {
        List<Bucket> tokenBuckets =
                admission.buckets().stream().filter(Bucket::tokens).toList();
        List<String> args = new ArrayList<>(9 + tokenBuckets.size());
        args.add(admission.callId());
        args.add(Long.toString(tokenRefund));
        args.add(Long.toString(used.input()));
        args.add(Long.toString(used.output()));
        args.add(Long.toString(used.cacheRead()));
        args.add(Long.toString(used.cacheWrite()));
        args.add(Long.toString(costMicros));
        args.add(Long.toString(admission.periods().millisToDayEnd()));
        args.add(Long.toString(admission.periods().millisToMonthEnd()));
        tokenBuckets.forEach(bucket -> args.add(Long.toString(bucket.perMinute())));
        Settle settle = new Settle(keys(admission.tenant(), admission.periods(), tokenBuckets), args);
        if (health.worthTrying()) {
            send(settle);
        } else {
            defer(settle);
        }
    }

    @Override
    public void release(Admission admission) {
        if (admission.concurrency() > 0) {
            reactive.opsForZSet()
                    .remove(
                            keys(admission.tenant(), admission.periods(), List.of())
                                    .get(0),
                            admission.callId())
                    .subscribe(removed -> {}, error -> {});
        }
    }

    @Override
    public void check() {
        if (!health.worthTrying()) {
            return;
        }
        try {
            redis.execute((RedisCallback<String>) connection -> connection.ping());
        } catch (RuntimeException e) {
            health.failed(e);
            return;
        }
        answered();
    }

    private void send(Settle settle) {
        reactive.execute(SETTLE, settle.keys(), settle.args()).subscribe(done -> health.succeeded(), error -> {
            health.failed(asRuntime(error));
            defer(settle);
        });
    }

    private void defer(Settle settle) {
        pending.add(settle);
        if (pendingCount.incrementAndGet() > MAX_PENDING && pending.poll() != null) {
            pendingCount.decrementAndGet();
        }
    }

    /** Redis answered: note it, and send what waited for it. */
    private void answered() {
        health.succeeded();
        Settle settle;
        while ((settle = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            send(settle);
        }
    }

    /** Settles waiting for Redis. */
    int pending() {
        return pendingCount.get();
    }

    @Override
    public Snapshot snapshot(String tenant, List<Bucket> buckets, Periods periods) {
        List<String> args = buckets.stream()
                .map(bucket -> Long.toString(bucket.perMinute()))
                .toList();
        List<?> result = run(SNAPSHOT, keys(tenant, periods, buckets), args);
        long[] levels = new long[buckets.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = number(result, 13 + i);
        }
        return new Snapshot(totals(result, 1), totals(result, 7), number(result, 0), levels);
    }

    @SuppressWarnings("rawtypes")
    private List<?> run(RedisScript<List> script, List<String> keys, List<String> args) {
        if (!health.worthTrying()) {
            throw new LimitStoreUnavailableException();
        }
        List<?> result;
        try {
            result = redis.execute(script, keys, args.toArray());
        } catch (RuntimeException e) {
            health.failed(e);
            throw new LimitStoreUnavailableException();
        }
        answered();
        return result == null ? List.of() : result;
    }

    private List<String> keys(String tenant, Periods periods, List<Bucket> buckets) {
        String base = prefix + ":{" + tenant + "}:";
        List<String> keys = new ArrayList<>(3 + buckets.size());
        keys.add(base + "in-flight");
        keys.add(base + "day:" + periods.day());
        keys.add(base + "month:" + periods.month());
        buckets.forEach(bucket -> keys.add(base + "bucket:" + bucket.name()));
        return keys;
    }

    private static UsageTotals totals(List<?> result, int from) {
        return new UsageTotals(
                number(result, from),
                number(result, from + 1),
                number(result, from + 2),
                number(result, from + 3),
                number(result, from + 4),
                number(result, from + 5));
    }

    private static long number(List<?> result, int index) {
        return index < result.size() && result.get(index) instanceof Number n ? n.longValue() : 0;
    }

    private static RuntimeException asRuntime(Throwable error) {
        return error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }

    /** One settle's script arguments, kept to send again. */
    private record Settle(List<String> keys, List<String> args) {}
}
