package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrockgateway.support.LocalRedis;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The store contract against a real Redis, plus what only Redis does: key layout, expiry, outages. */
class RedisLimitStoreTest extends LimitStoreContract {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static ReactiveStringRedisTemplate reactive;

    private final StoreHealth health = new StoreHealth();
    private final RedisLimitStore store = new RedisLimitStore(redis, reactive, "bgw-test", 60_000, health);

    @BeforeAll
    static void connect() {
        LocalRedis.assumeAvailable();
        connections = LocalRedis.connect(LocalRedis.url());
        redis = new StringRedisTemplate(connections);
        reactive = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        if (connections != null) {
            connections.destroy();
        }
    }

    @Override
    LimitStore store() {
        return store;
    }

    @Test
    void aTenantsKeysShareOneHashTagAndExpireOnTheirOwn() {
        store.admit(admission("a", List.of(new Bucket("tpm:*opus*", true, 100, 10)), 3, 0, 0));

        Set<String> keys = redis.keys("bgw-test:{" + tenant + "}:*");
        assertThat(keys).contains("bgw-test:{" + tenant + "}:bucket:tpm:*opus*", "bgw-test:{" + tenant + "}:in-flight");
        for (String key : keys) {
            assertThat(redis.getExpire(key)).as("TTL of %s", key).isPositive();
        }
    }

    @Test
    void aBucketInDebtIsKeptUntilItWouldBeFullAgain() {
        Bucket tokens = new Bucket("tpm", true, 1_000, 1_000);
        Admission call = admission("a", List.of(tokens), 0, 0, 0);
        store.admit(call);

        store.settle(call, 1_000 - 60_000, new TokenCounts(59_000, 1_000, 0, 0), 0);

        awaitSettled(1);
        assertThat(redis.getExpire("bgw-test:{" + tenant + "}:bucket:tpm"))
                .as("seconds to live: the debt takes about an hour to pay")
                .isGreaterThan(58 * 60L);
    }

    @Test
    void settlesRedisCouldNotTakeWaitAndAreSentOnceItAnswersSoNoPlaceStaysTaken() throws InterruptedException {
        StoreHealth flaky = new StoreHealth(200_000_000L);
        RedisLimitStore store = new RedisLimitStore(redis, reactive, "bgw-test", 60_000, flaky);
        Admission first = admission("first", List.of(), 1, 0, 0);
        assertThat(store.admit(first).refusal()).isEqualTo(Decision.Refusal.NONE);
        flaky.failed(new IllegalStateException("blip"));

        store.settle(first, 0, new TokenCounts(3, 4, 0, 0), 7);
        assertThat(store.pending()).isEqualTo(1);

        Thread.sleep(250); // past the probe interval: the next use of the store asks Redis again
        store.check();
        assertThat(store.pending()).isZero();
        awaitSettled(1);
        assertThat(store.admit(admission("second", List.of(), 1, 0, 0)).refusal())
                .isEqualTo(Decision.Refusal.NONE);
    }

    @Test
    void anAdmissionWhoseAnswerWasLostIsReleased() {
        Admission lost = admission("lost", List.of(), 1, 0, 0);
        store.admit(lost);

        store.release(lost);

        awaitInFlight(0);
        assertThat(store.admit(admission("next", List.of(), 1, 0, 0)).refusal()).isEqualTo(Decision.Refusal.NONE);
    }

    @Test
    void checkingAnUnreachableRedisMarksItDownBeforeAnyCall() {
        LettuceConnectionFactory nowhere = LocalRedis.connect("redis://127.0.0.1:1");
        try {
            StoreHealth health = new StoreHealth();
            new RedisLimitStore(
                            new StringRedisTemplate(nowhere),
                            new ReactiveStringRedisTemplate(nowhere),
                            "bgw-test",
                            1_000,
                            health)
                    .check();

            assertThat(health.up()).isFalse();
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void aCallOfAReplicaThatDiedStopsCountingWhenItsLeaseEnds() {
        RedisLimitStore shortLease = new RedisLimitStore(redis, reactive, "bgw-test", 200, health);
        shortLease.admit(admission("dead", List.of(), 1, 0, 0));
        assertThat(shortLease.admit(admission("b", List.of(), 1, 0, 0)).refusal())
                .isEqualTo(Decision.Refusal.CONCURRENCY);

        long deadline = System.nanoTime() + 3_000_000_000L;
        Decision decision;
        do {
            decision = shortLease.admit(admission("c", List.of(), 1, 0, 0));
        } while (decision.refusal() != Decision.Refusal.NONE && System.nanoTime() < deadline);

        assertThat(decision.refusal()).isEqualTo(Decision.Refusal.NONE);
    }

    @Test
    void anUnreachableRedisIsReportedOnceAndSkippedUntilItIsTriedAgain() {
        LettuceConnectionFactory nowhere = LocalRedis.connect("redis://127.0.0.1:1");
        try {
            StoreHealth down = new StoreHealth();
            RedisLimitStore unreachable = new RedisLimitStore(
                    new StringRedisTemplate(nowhere),
                    new ReactiveStringRedisTemplate(nowhere),
                    "bgw-test",
                    1_000,
                    down);

            assertThatThrownBy(() -> unreachable.admit(requests(5))).isInstanceOf(LimitStoreUnavailableException.class);
            assertThat(down.up()).isFalse();
            assertThat(down.lastError()).isNotBlank().doesNotContain("127.0.0.1");
            // Within the probe interval the store is not asked at all.
            assertThat(down.worthTrying()).isFalse();
            assertThatThrownBy(() -> unreachable.admit(requests(5))).isInstanceOf(LimitStoreUnavailableException.class);
        } finally {
            nowhere.destroy();
        }
    }
}
