package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.GatewayApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the shared store unreachable, {@code on-store-failure} decides what a limited call gets, never a 500: allow
 * serves it, deny refuses it with 503 and {@code Retry-After}. Health shows the store down while readiness stays up.
 */
class RedisOutageIntegrationTest {

    private static final String KEY = "outage-key-41c7";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withAllowACallIsServedAndHealthShowsTheStoreDownWhileReadinessStaysUp() throws Exception {
        try (ConfigurableApplicationContext gateway = start("allow")) {
            JsonNode beforeAnyCall =
                    JSON.readTree(get(gateway, "/actuator/health").body());
            assertThat(beforeAnyCall.at("/components/limitsStore/status").asString())
                    .isEqualTo("DOWN");
            HttpResponse<String> first = chat(gateway);
            HttpResponse<String> second = chat(gateway);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            JsonNode health = JSON.readTree(get(gateway, "/actuator/health").body());
            assertThat(health.at("/components/limitsStore/status").asString()).isEqualTo("DOWN");
            assertThat(health.at("/components/limitsStore/details/onStoreFailure")
                            .asString())
                    .isEqualTo("allow");
            assertThat(health.toString()).doesNotContain("s3cret");
            assertThat(get(gateway, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withDenyALimitedCallIsRefusedWith503AndRetryAfterNever500() throws Exception {
        try (ConfigurableApplicationContext gateway = start("deny")) {
            HttpResponse<String> refused = chat(gateway);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(refused.body()).at("/error/code").asString())
                    .isEqualTo("limits_unavailable");
            assertThat(refused.body()).doesNotContain("s3cret").doesNotContain("127.0.0.1");
        }
    }

    private static ConfigurableApplicationContext start(String onStoreFailure) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("local")
                .registerShutdownHook(false)
                .run(
                        "--server.port=0",
                        "--gateway.limits.store=redis",
                        "--gateway.limits.on-store-failure=" + onStoreFailure,
                        // Nothing listens on port 1; the password must never show anywhere.
                        "--spring.data.redis.url=redis://default:s3cret@127.0.0.1:1",
                        "--gateway.tenants.limited.api-keys[0]=" + KEY,
                        "--gateway.tenants.limited.limits.requests-per-minute=100",
                        "--management.endpoint.health.show-components=always",
                        "--management.endpoint.health.show-details=always");
    }

    private static HttpResponse<String> chat(ConfigurableApplicationContext gateway) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base(gateway).resolve("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"max_tokens\":20,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello outage\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base(gateway).resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI base(ConfigurableApplicationContext gateway) {
        return URI.create("http://localhost:" + gateway.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
