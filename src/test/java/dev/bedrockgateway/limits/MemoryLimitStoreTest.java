package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLimitStoreTest extends LimitStoreContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final MemoryLimitStore store = new MemoryLimitStore(clock);

    @Override
    LimitStore store() {
        return store;
    }

    @Test
    void aBucketRefillsEvenlyOverAMinute() {
        for (int i = 0; i < 10; i++) {
            store.admit(requests(10));
        }
        assertThat(store.admit(requests(10)).refusal()).isEqualTo(Decision.Refusal.BUCKET);

        clock.advance(Duration.ofSeconds(6));

        assertThat(store.admit(requests(10)).refusal()).isEqualTo(Decision.Refusal.NONE);
        assertThat(store.admit(requests(10)).refusal()).isEqualTo(Decision.Refusal.BUCKET);
    }

    @Test
    void aBucketNeverHoldsMoreThanAMinutesWorth() {
        store.admit(requests(10));
        clock.advance(Duration.ofHours(1));

        assertThat(store.snapshot(tenant, List.of(new Bucket("rpm", false, 10, 0)), NOW)
                        .levels()[0])
                .isEqualTo(10);
    }

    @Test
    void aNewDayStartsItsUsageAtZeroWhileTheMonthKeepsCounting() {
        Admission call = admission("a", List.of(), 0, 0, 0);
        store.settle(call, 0, new TokenCounts(10, 10, 0, 0), 100);

        Periods tomorrow = Periods.at(Instant.parse("2026-12-05T00:00:01Z"));
        LimitStore.Snapshot snapshot = store.snapshot(tenant, List.of(), tomorrow);

        assertThat(snapshot.day()).isEqualTo(UsageTotals.NONE);
        assertThat(snapshot.month().costMicros()).isEqualTo(100);
    }

    @Test
    void aCallFromBeforeMidnightSettledAfterItNeverTakesTheNewDaysCountersBack() {
        Periods yesterday = Periods.at(Instant.parse("2026-12-04T23:59:59Z"));
        Periods today = Periods.at(Instant.parse("2026-12-05T00:00:10Z"));
        Admission late = new Admission(tenant, "late", List.of(), 0, 0, 0, yesterday);
        store.admit(late);
        Admission spender = new Admission(tenant, "spender", List.of(), 0, 1_000, 0, today);
        store.admit(spender);
        store.settle(spender, 0, new TokenCounts(10, 10, 0, 0), 1_000);

        store.settle(late, 0, new TokenCounts(5, 5, 0, 0), 50);

        assertThat(store.admit(new Admission(tenant, "next", List.of(), 0, 1_000, 0, today))
                        .refusal())
                .as("today's spent budget still counts")
                .isEqualTo(Decision.Refusal.DAY_BUDGET);
        LimitStore.Snapshot snapshot = store.snapshot(tenant, List.of(), today);
        assertThat(snapshot.day().costMicros()).isEqualTo(1_000);
        assertThat(snapshot.month().costMicros())
                .as("the same month takes the late call")
                .isEqualTo(1_050);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
