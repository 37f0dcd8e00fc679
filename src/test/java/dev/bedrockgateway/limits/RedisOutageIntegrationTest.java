package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.StartedGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the shared store unreachable, {@code on-store-failure} decides what a limited call gets, never a 500: allow
 * serves it, deny refuses it with 503 and {@code Retry-After}. Health shows the store down while readiness stays up,
 * and the operator's usage answers 503.
 */
class RedisOutageIntegrationTest {

    private static final String KEY = "outage-key-41c7";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withAllowACallIsServedAndHealthShowsTheStoreDownWhileReadinessStaysUp() throws Exception {
        try (StartedGateway gateway = start("allow")) {
            JsonNode beforeAnyCall =
                    JSON.readTree(gateway.get("/actuator/health").body());
            assertThat(beforeAnyCall.at("/components/limitsStore/status").asString())
                    .isEqualTo("DOWN");
            HttpResponse<String> first = gateway.chat(KEY, "Hello outage");
            HttpResponse<String> second = gateway.chat(KEY, "Hello outage");

            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            JsonNode health = JSON.readTree(gateway.get("/actuator/health").body());
            assertThat(health.at("/components/limitsStore/status").asString()).isEqualTo("DOWN");
            assertThat(health.at("/components/limitsStore/details/onStoreFailure")
                            .asString())
                    .isEqualTo("allow");
            assertThat(health.toString()).doesNotContain("s3cret");
            assertThat(gateway.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            HttpResponse<String> usage = gateway.get("/actuator/usage");
            assertThat(usage.statusCode()).as(usage.body()).isEqualTo(503);
            assertThat(usage.body()).contains("cannot be reached").doesNotContain("s3cret");
        }
    }

    @Test
    void withDenyALimitedCallIsRefusedWith503AndRetryAfterNever500() throws Exception {
        try (StartedGateway gateway = start("deny")) {
            HttpResponse<String> refused = gateway.chat(KEY, "Hello outage");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(refused.body()).at("/error/code").asString())
                    .isEqualTo("limits_unavailable");
            assertThat(refused.body()).doesNotContain("s3cret").doesNotContain("127.0.0.1");
        }
    }

    private static StartedGateway start(String onStoreFailure) {
        return StartedGateway.start(
                "--gateway.limits.store=redis",
                "--gateway.limits.on-store-failure=" + onStoreFailure,
                // Nothing listens on port 1; the password must never show anywhere.
                "--spring.data.redis.url=redis://default:s3cret@127.0.0.1:1",
                "--gateway.tenants.limited.api-keys[0]=" + KEY,
                "--gateway.tenants.limited.limits.requests-per-minute=100",
                "--management.endpoint.health.show-components=always",
                "--management.endpoint.health.show-details=always");
    }
}
