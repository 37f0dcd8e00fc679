package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LimitStore} does, whatever holds its counters. Each test uses a tenant of its own, so that
 * runs against one shared Redis never see each other's counters.
 */
abstract class LimitStoreContract {

    static final Periods NOW = Periods.at(Instant.parse("2026-12-04T10:00:00Z"));

    abstract LimitStore store();

    final String tenant = "t-" + UUID.randomUUID();

    Admission admission(String callId, List<Bucket> buckets, int concurrency, long dayMicros, long monthMicros) {
        return new Admission(tenant, callId, buckets, concurrency, dayMicros, monthMicros, NOW);
    }

    Admission requests(long perMinute) {
        return admission("c-" + UUID.randomUUID(), List.of(new Bucket("rpm", false, perMinute, 1)), 0, 0, 0);
    }

    @Test
    void aFullBucketAdmitsExactlyItsCapacityAndThenRefusesWithWhenItHasRoomAgain() {
        int admitted = 0;
        Decision last = null;
        for (int i = 0; i < 15; i++) {
            last = store().admit(requests(10));
            if (last.refusal() == Decision.Refusal.NONE) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(last.refusal()).isEqualTo(Decision.Refusal.BUCKET);
        assertThat(last.bucket()).isZero();
        // One request refills in 60 s / 10 = 6 s; a little of it may have refilled since.
        assertThat(last.retryAfterMillis()).isBetween(4_000L, 6_000L);
        assertThat(last.remaining()[0]).isZero();
    }

    @Test
    void anAdmittedCallReportsWhatIsLeftAndWhenTheBucketIsFullAgain() {
        Decision decision = store().admit(requests(60));

        assertThat(decision.refusal()).isEqualTo(Decision.Refusal.NONE);
        assertThat(decision.remaining()[0]).isEqualTo(59);
        // One of 60 a minute is back in a second.
        assertThat(decision.resetMillis()[0]).isBetween(500L, 1_000L);
    }

    @Test
    void aRefusalTakesNothingFromTheOtherBuckets() {
        Bucket requests = new Bucket("rpm", false, 100, 1);
        Bucket tokens = new Bucket("tpm", true, 1_000, 800);
        assertThat(store().admit(admission("a", List.of(requests, tokens), 0, 0, 0))
                        .refusal())
                .isEqualTo(Decision.Refusal.NONE);

        Decision refused = store().admit(admission("b", List.of(requests, tokens), 0, 0, 0));

        assertThat(refused.refusal()).isEqualTo(Decision.Refusal.BUCKET);
        assertThat(refused.bucket()).isEqualTo(1);
        assertThat(refused.remaining()[0])
                .as("requests left, untouched by the refusal")
                .isEqualTo(99);
        LimitStore.Snapshot snapshot = store().snapshot(tenant, List.of(requests, tokens), NOW);
        assertThat(snapshot.levels()[0]).isEqualTo(99);
    }

    @Test
    void settlingReturnsTheUnusedReservationToTheTokenBuckets() {
        Bucket tokens = new Bucket("tpm", true, 1_000, 900);
        Admission first = admission("a", List.of(tokens), 0, 0, 0);
        store().admit(first);
        assertThat(store().admit(admission("b", List.of(tokens), 0, 0, 0)).refusal())
                .isEqualTo(Decision.Refusal.BUCKET);

        store().settle(first, 900 - 100, new TokenCounts(60, 40, 0, 0), 0);

        awaitLevel(tokens, 900);
        assertThat(store().admit(admission("c", List.of(tokens), 0, 0, 0)).refusal())
                .isEqualTo(Decision.Refusal.NONE);
    }

    @Test
    void aCallThatUsedMoreThanItReservedLeavesADebtTheNextCallsPay() {
        Bucket tokens = new Bucket("tpm", true, 1_000, 100);
        Admission first = admission("a", List.of(tokens), 0, 0, 0);
        store().admit(first);

        store().settle(first, 100 - 1_500, new TokenCounts(1_000, 500, 0, 0), 0);

        awaitSettled(1);
        Decision next = store().admit(admission("b", List.of(tokens), 0, 0, 0));
        assertThat(next.refusal()).isEqualTo(Decision.Refusal.BUCKET);
        // 500 tokens short plus the 100 asked: at 1,000 a minute, about 36 s.
        assertThat(next.retryAfterMillis()).isBetween(30_000L, 37_000L);
    }

    @Test
    void aDebtOfManyMinutesIsPaidInFullBeforeTheNextCall() {
        Bucket tokens = new Bucket("tpm", true, 1_000, 1_000);
        Admission first = admission("a", List.of(tokens), 0, 0, 0);
        store().admit(first);

        // Reserved a minute's worth, used sixty.
        store().settle(first, 1_000 - 60_000, new TokenCounts(59_000, 1_000, 0, 0), 0);

        awaitSettled(1);
        Decision next = store().admit(admission("b", List.of(new Bucket("tpm", true, 1_000, 1)), 0, 0, 0));
        assertThat(next.refusal()).isEqualTo(Decision.Refusal.BUCKET);
        assertThat(next.retryAfterMillis()).as("about 59 minutes").isBetween(58 * 60_000L, 60 * 60_000L);
    }

    @Test
    void retryAfterIsTheLongestWaitOfAllShortBuckets() {
        Bucket requests = new Bucket("rpm", false, 10, 1);
        Bucket tokens = new Bucket("tpm", true, 1_000, 1_000);
        store().admit(admission("a", List.of(requests, tokens), 0, 0, 0));
        for (int i = 0; i < 9; i++) {
            store().admit(admission("r" + i, List.of(requests), 0, 0, 0));
        }

        Decision refused = store().admit(admission("b", List.of(requests, tokens), 0, 0, 0));

        // Requests come back in 6 s, but the tokens only after a minute: retrying at 6 s would fail again.
        assertThat(refused.bucket()).isEqualTo(1);
        assertThat(refused.retryAfterMillis()).isBetween(50_000L, 60_000L);
    }

    @Test
    void withBothBudgetsSpentTheRefusalWaitsForTheMonthsEnd() {
        Admission first = admission("a", List.of(), 0, 100, 100);
        store().admit(first);
        store().settle(first, 0, new TokenCounts(1, 1, 0, 0), 100);
        awaitSettled(1);

        Decision refused = store().admit(admission("b", List.of(), 0, 100, 100));

        assertThat(refused.refusal()).isEqualTo(Decision.Refusal.MONTH_BUDGET);
        assertThat(refused.retryAfterMillis()).isEqualTo(NOW.millisToMonthEnd());
    }

    @Test
    void concurrencyCountsCallsInFlightUntilTheyAreSettled() {
        Admission first = admission("a", List.of(), 2, 0, 0);
        Admission second = admission("b", List.of(), 2, 0, 0);
        assertThat(store().admit(first).refusal()).isEqualTo(Decision.Refusal.NONE);
        assertThat(store().admit(second).refusal()).isEqualTo(Decision.Refusal.NONE);

        Decision third = store().admit(admission("c", List.of(), 2, 0, 0));
        assertThat(third.refusal()).isEqualTo(Decision.Refusal.CONCURRENCY);
        assertThat(third.retryAfterMillis()).isPositive();

        store().settle(first, 0, new TokenCounts(0, 0, 0, 0), 0);
        awaitInFlight(1);
        assertThat(store().admit(admission("d", List.of(), 2, 0, 0)).refusal()).isEqualTo(Decision.Refusal.NONE);
    }

    @Test
    void aSpentDailyBudgetRefusesUntilTheDayEnds() {
        Admission first = admission("a", List.of(), 0, 1_000, 0);
        assertThat(store().admit(first).refusal()).isEqualTo(Decision.Refusal.NONE);
        store().settle(first, 0, new TokenCounts(10, 10, 0, 0), 1_000);
        awaitSettled(1);

        Decision refused = store().admit(admission("b", List.of(), 0, 1_000, 0));

        assertThat(refused.refusal()).isEqualTo(Decision.Refusal.DAY_BUDGET);
        assertThat(refused.retryAfterMillis()).isEqualTo(NOW.millisToDayEnd());
    }

    @Test
    void aSpentMonthlyBudgetRefusesUntilTheMonthEnds() {
        Admission first = admission("a", List.of(), 0, 0, 500);
        store().admit(first);
        store().settle(first, 0, new TokenCounts(1, 1, 0, 0), 600);
        awaitSettled(1);

        Decision refused = store().admit(admission("b", List.of(), 0, 0, 500));

        assertThat(refused.refusal()).isEqualTo(Decision.Refusal.MONTH_BUDGET);
        assertThat(refused.retryAfterMillis()).isEqualTo(NOW.millisToMonthEnd());
    }

    @Test
    void usageAddsUpEveryKindOfTokenAndTheCostForTheDayAndTheMonth() {
        Admission first = admission("a", List.of(), 0, 0, 0);
        Admission second = admission("b", List.of(), 0, 0, 0);
        store().settle(first, 0, new TokenCounts(100, 20, 5, 7), 1_234);
        store().settle(second, 0, new TokenCounts(1, 2, 3, 4), 10);

        awaitSettled(2);
        LimitStore.Snapshot snapshot = store().snapshot(tenant, List.of(), NOW);

        UsageTotals expected = new UsageTotals(2, 101, 22, 8, 11, 1_244);
        assertThat(snapshot.day()).isEqualTo(expected);
        assertThat(snapshot.month()).isEqualTo(expected);
    }

    @Test
    void tenantsNeverShareCounters() {
        store().admit(requests(1));
        Admission other = new Admission(tenant + "-other", "x", List.of(new Bucket("rpm", false, 1, 1)), 0, 0, 0, NOW);

        assertThat(store().admit(other).refusal()).isEqualTo(Decision.Refusal.NONE);
        assertThat(store().admit(requests(1)).refusal()).isEqualTo(Decision.Refusal.BUCKET);
    }

    @Test
    void aSnapshotTakesNothing() {
        Bucket requests = new Bucket("rpm", false, 5, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(store().snapshot(tenant, List.of(requests), NOW).levels()[0])
                    .isEqualTo(5);
        }
    }

    /** Settling may complete after it returns (Redis sends it without waiting): wait for it to land. */
    void awaitSettled(long requests) {
        await(() -> store().snapshot(tenant, List.of(), NOW).day().requests() >= requests);
    }

    void awaitInFlight(long inFlight) {
        await(() -> store().snapshot(tenant, List.of(), NOW).inFlight() <= inFlight);
    }

    void awaitLevel(Bucket bucket, long atLeast) {
        await(() -> store().snapshot(tenant, List.of(bucket), NOW).levels()[0] >= atLeast);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
