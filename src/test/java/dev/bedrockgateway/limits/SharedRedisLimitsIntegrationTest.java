package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.StartedGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway replicas in one JVM, each on its own port and simulator, sharing one real Redis: a tenant's limits
 * and usage are the same whichever replica a call reaches.
 */
class SharedRedisLimitsIntegrationTest {

    private static final String KEY = "shared-key-6d1e";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<StartedGateway> replicas = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() {
        replicas.addAll(StartedGateway.sharingRedis(
                2,
                "--gateway.tenants.shared.api-keys[0]=" + KEY,
                "--gateway.tenants.shared.limits.requests-per-minute=10",
                "--gateway.tenants.shared.limits.concurrent-requests=5",
                "--management.endpoint.health.show-components=always"));
    }

    @AfterAll
    static void stop() {
        replicas.forEach(StartedGateway::close);
    }

    @Test
    void aTenantsLimitHoldsAcrossBothReplicasAndItsUsageIsTheSameOnEither() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            statuses.add(replicas.get(i % 2).chat(KEY, "Hello replicas").statusCode());
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // 10 a minute refill one every 6 s: on a slow machine the 20 calls may see one or two come back. Counted
        // per replica, all 20 would pass.
        long refilled = elapsedMillis * 10 / 60_000;
        long admitted = statuses.stream().filter(status -> status == 200).count();
        assertThat(admitted).as("admitted in %d ms", elapsedMillis).isBetween(10L, 10 + refilled);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize((int) (20 - admitted));
        for (StartedGateway replica : replicas) {
            JsonNode usage = usage(replica, admitted);
            assertThat(usage.at("/today/requests").asLong())
                    .as("requests seen from either replica")
                    .isEqualTo(admitted);
            assertThat(usage.at("/limits/concurrent_requests/in_flight").asLong())
                    .isZero();
        }
    }

    @Test
    void withTheRedisStoreSpringBootsRedisClientIsThere() {
        assertThat(replicas.get(0).context().getBeanNamesForType(RedisConnectionFactory.class))
                .isNotEmpty();
    }

    @Test
    void theLimitsStoreIsReportedUpInHealth() throws Exception {
        HttpResponse<String> health = replicas.get(0).get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body())
                        .at("/components/limitsStore/status")
                        .asString())
                .isEqualTo("UP");
    }

    private static JsonNode usage(StartedGateway replica, long requests) throws Exception {
        // Settling is sent without waiting for Redis: give the last call's a moment to land.
        for (int attempt = 0; ; attempt++) {
            JsonNode usage = JSON.readTree(replica.get("/v1/usage", KEY).body());
            if (usage.at("/today/requests").asLong() >= requests || attempt == 50) {
                return usage;
            }
            Thread.sleep(20);
        }
    }
}
