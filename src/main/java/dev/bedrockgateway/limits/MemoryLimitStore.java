package dev.bedrockgateway.limits;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this replica's memory: exact for one replica. Each tenant has its own lock, held for a few
 * arithmetic steps, so tenants never wait on each other.
 */
final class MemoryLimitStore implements LimitStore {

    private final Clock clock;
    private final Map<String, TenantState> tenants = new ConcurrentHashMap<>();

    MemoryLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Decision admit(Admission admission) {
        return state(admission.tenant()).admit(admission, clock.millis());
    }

    @Override
    public void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros) {
        state(admission.tenant()).settle(admission, tokenRefund, used, costMicros, clock.millis());
    }

    /** Memory always answers, so an admission here never goes without its answer. */
    @Override
    public void release(Admission admission) {}

    @Override
    public void check() {}

    @Override
    public Snapshot snapshot(String tenant, List<Bucket> buckets, Periods periods) {
        return state(tenant).snapshot(buckets, periods, clock.millis());
    }

    private TenantState state(String tenant) {
        return tenants.computeIfAbsent(tenant, id -> new TenantState());
    }

    /** One tenant's counters; every method holds the tenant's own lock. */
    private static final class TenantState {

        /** Per bucket name: level and when it was last updated. */
        private final Map<String, double[]> buckets = new HashMap<>();

        private long inFlight;
        private String day = "";
        private String month = "";
        private UsageTotals dayUsage = UsageTotals.NONE;
        private UsageTotals monthUsage = UsageTotals.NONE;

        synchronized Decision admit(Admission admission, long now) {
            roll(admission.periods());
            List<Bucket> asked = admission.buckets();
            double[] levels = new double[asked.size()];
            Decision.Refusal refusal = Decision.Refusal.NONE;
            int refusing = -1;
            long retryAfter = 0;
            for (int i = 0; i < asked.size(); i++) {
                Bucket bucket = asked.get(i);
                levels[i] = level(bucket, now);
                long wait = TokenBuckets.millisUntil(levels[i], bucket.perMinute(), bucket.need());
                // The longest wait of all short buckets: a retry after a shorter one would be refused again.
                if (wait > retryAfter) {
                    refusal = Decision.Refusal.BUCKET;
                    refusing = i;
                    retryAfter = wait;
                }
            }
            if (refusal == Decision.Refusal.NONE
                    && admission.concurrency() > 0
                    && inFlight >= admission.concurrency()) {
                refusal = Decision.Refusal.CONCURRENCY;
                retryAfter = 1000;
            } else if (refusal == Decision.Refusal.NONE
                    && admission.monthBudgetMicros() > 0
                    && monthUsage.costMicros() >= admission.monthBudgetMicros()) {
                // The month before the day: with both spent, only the month's end brings room.
                refusal = Decision.Refusal.MONTH_BUDGET;
                retryAfter = admission.periods().millisToMonthEnd();
            } else if (refusal == Decision.Refusal.NONE
                    && admission.dayBudgetMicros() > 0
                    && dayUsage.costMicros() >= admission.dayBudgetMicros()) {
                refusal = Decision.Refusal.DAY_BUDGET;
                retryAfter = admission.periods().millisToDayEnd();
            }
            long[] remaining = new long[asked.size()];
            long[] reset = new long[asked.size()];
            for (int i = 0; i < asked.size(); i++) {
                Bucket bucket = asked.get(i);
                double after = refusal == Decision.Refusal.NONE ? levels[i] - bucket.need() : levels[i];
                if (refusal == Decision.Refusal.NONE) {
                    buckets.put(bucket.name(), new double[] {after, now});
                }
                remaining[i] = TokenBuckets.remaining(after);
                reset[i] = TokenBuckets.millisUntil(after, bucket.perMinute(), bucket.perMinute());
            }
            if (refusal == Decision.Refusal.NONE && admission.concurrency() > 0) {
                inFlight++;
            }
            return new Decision(refusal, refusing, retryAfter, remaining, reset);
        }

        synchronized void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros, long now) {
            roll(admission.periods());
            // A call admitted before midnight and settled after counts for its own period, which this store no
            // longer keeps (Redis adds it to that period's key): only a period still current takes it.
            boolean today = admission.periods().day().equals(day);
            boolean thisMonth = admission.periods().month().equals(month);
            if (admission.concurrency() > 0 && inFlight > 0) {
                inFlight--;
            }
            if (tokenRefund != 0) {
                for (Bucket bucket : admission.buckets()) {
                    if (bucket.tokens()) {
                        double level = Math.min(bucket.perMinute(), level(bucket, now) + tokenRefund);
                        buckets.put(bucket.name(), new double[] {level, now});
                    }
                }
            }
            if (today) {
                dayUsage = dayUsage.plus(used, costMicros);
            }
            if (thisMonth) {
                monthUsage = monthUsage.plus(used, costMicros);
            }
        }

        synchronized Snapshot snapshot(List<Bucket> asked, Periods periods, long now) {
            roll(periods);
            long[] levels = new long[asked.size()];
            for (int i = 0; i < asked.size(); i++) {
                levels[i] = TokenBuckets.remaining(level(asked.get(i), now));
            }
            return new Snapshot(dayUsage, monthUsage, inFlight, levels);
        }

        private double level(Bucket bucket, long now) {
            double[] state = buckets.get(bucket.name());
            return state == null
                    ? bucket.perMinute()
                    : TokenBuckets.refill(state[0], bucket.perMinute(), now - (long) state[1]);
        }

        /**
         * A new UTC day or month starts its counters at zero. Only forward: a call that computed its period just
         * before midnight and arrives after it must not take the counters back (ISO dates sort as text).
         */
        private void roll(Periods periods) {
            if (periods.day().compareTo(day) > 0) {
                day = periods.day();
                dayUsage = UsageTotals.NONE;
            }
            if (periods.month().compareTo(month) > 0) {
                month = periods.month();
                monthUsage = UsageTotals.NONE;
            }
        }
    }
}
