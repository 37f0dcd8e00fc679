package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.routing.CatalogRefreshes;
import dev.bedrockgateway.routing.DeployedGateway;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.tenant.ApiKeys;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import tools.jackson.databind.JsonNode;

/**
 * Who can reach the management endpoints, in the three ways the gateway runs: a developer's machine (all open
 * on the API port), a shared API port (health open, the rest behind {@code gateway.management.token}), and a
 * management port of its own (nothing of it on the API port). Each runs in a context other classes share: the local
 * profile's, {@link ConfiguredGateway}'s and {@link DeployedGateway}'s.
 */
@GatewayIntegrationTest
class ManagementEndpointsIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void livenessWhenTheGatewayRunsThenAnswersUp() {
        GatewayResponse response = gateway.withApiKey(null).get("/actuator/health/liveness");

        assertThat(response.status()).as("body %s", response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusWhenTheLocalProfileOpensTheApiPortThenAnswersWithoutAToken() {
        GatewayResponse response = gateway.withApiKey(null).get("/actuator/prometheus");

        assertThat(response.status()).as("body %s", response.body()).isEqualTo(200);
    }

    /**
     * A shared API port: health for probes, everything else for holders of the management token
     * ({@link ConfiguredGateway} closes the API port and shows health's components).
     */
    @Nested
    @ConfiguredGateway
    class TokenOnTheApiPort {

        static final String TOKEN = ConfiguredGateway.MANAGEMENT_TOKEN;

        @Autowired
        GatewayClient gateway;

        @Test
        void readinessWhenCatalogAndTenantsAreLoadedThenAnswersUpWithBothComponents() {
            GatewayResponse response = gateway.withApiKey(null).get("/actuator/health/readiness");

            assertThat(response.status()).as("body %s", response.body()).isEqualTo(200);
            JsonNode health = response.json();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").propertyNames()).contains("modelCatalog", "tenants", "readinessState");
            assertThat(health.path("components")
                            .path("modelCatalog")
                            .path("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(health.path("components").path("tenants").path("status").asString())
                    .isEqualTo("UP");
        }

        @Test
        void healthWhenNoKeyIsSentThenAnswersUp() {
            GatewayResponse response = gateway.withApiKey(null).get("/actuator/health");

            assertThat(response.status()).as("body %s", response.body()).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
            assertThat(gateway.withApiKey(null)
                            .get("/actuator/health/readiness")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void prometheusWhenTheTokenIsMissingOrWrongThenRefusesAndWithTheTokenAnswers() {
            assertThat(HexFormat.of().formatHex(ApiKeys.digest(TOKEN)))
                    .as("fixture digest")
                    .isEqualTo(ConfiguredGateway.MANAGEMENT_TOKEN_SHA256);

            GatewayResponse none = gateway.withApiKey(null).get("/actuator/prometheus");
            GatewayResponse apiKey = gateway.get("/actuator/prometheus");
            GatewayResponse wrong = gateway.withApiKey(TOKEN + "x").get("/actuator/prometheus");
            GatewayResponse right = gateway.withApiKey(TOKEN).get("/actuator/prometheus");

            assertThat(none.status()).as("no token").isEqualTo(401);
            assertThat(apiKey.status())
                    .as("a tenant's API key is not the management token")
                    .isEqualTo(401);
            assertThat(wrong.status()).as("wrong token").isEqualTo(401);
            assertThat(none.body()).doesNotContain("jvm_", "gateway_");
            assertThat(right.status()).as("body %s", right.body()).isEqualTo(200);
            assertThat(right.body()).contains("jvm_memory_used_bytes");
        }

        @Test
        void infoWhenTheTokenIsMissingThenRefusesAndWithTheTokenAnswersWithVersionAndCommit() throws IOException {
            assertThat(gateway.withApiKey(null).get("/actuator/info").status()).isEqualTo(401);
            assertThat(gateway.withApiKey(TOKEN + "x").get("/actuator/info").status())
                    .isEqualTo(401);

            GatewayResponse right = gateway.withApiKey(TOKEN).get("/actuator/info");

            assertThat(right.status()).as("body %s", right.body()).isEqualTo(200);
            JsonNode info = right.json();
            assertThat(info.path("build").path("artifact").asString()).isEqualTo("bedrock-gateway");
            assertThat(info.path("build").path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
            Properties git = gitProperties();
            if (git == null) {
                // Built without a .git directory (as in the Docker build): no git.properties, no git section.
                assertThat(info.has("git")).as("body %s", right.body()).isFalse();
            } else {
                // management.info.git.mode=simple shows the abbreviated commit ID.
                assertThat(info.at("/git/commit/id").asString())
                        .as("body %s", right.body())
                        .isNotBlank()
                        .isEqualTo(git.getProperty("git.commit.id.abbrev"));
            }
        }

        /** What git-commit-id-maven-plugin generated into the classes, or null when the build had no .git. */
        private static @Nullable Properties gitProperties() throws IOException {
            ClassPathResource resource = new ClassPathResource("git.properties");
            return resource.exists() ? PropertiesLoaderUtils.loadProperties(resource) : null;
        }
    }

    /**
     * A management port of its own, as the Helm chart runs it: the API port serves no management endpoint. The
     * context is {@link DeployedGateway}'s, where catalog discovery is on too.
     */
    @Nested
    @DeployedGateway
    class SeparateManagementPort {

        @Autowired
        GatewayClient gateway;

        @LocalManagementPort
        int managementPort;

        @Test
        void prometheusWhenManagementHasItsOwnPortThenOnlyThatPortServesItWithoutAToken() {
            gateway.postJson("/v1/chat/completions", """
                    {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"Hello ports"}]}""");

            GatewayResponse apiPort = gateway.withApiKey(null).get("/actuator/prometheus");
            GatewayResponse managementPortAnswer = onManagementPort("/actuator/prometheus");

            assertThat(managementPort).isNotEqualTo(gateway.baseUri().getPort());
            // 404 as nothing is mapped there; with random ports ManagementAccessFilter sees server.port and
            // management.server.port both as "0", takes them for one port and answers 401 before routing.
            assertThat(apiPort.status()).as("API port, body %s", apiPort.body()).isIn(401, 404);
            assertThat(apiPort.body()).doesNotContain("gateway_", "jvm_");
            assertThat(managementPortAnswer.status()).as("management port").isEqualTo(200);
            assertThat(managementPortAnswer.body()).contains("gateway_requests_seconds_count{");
        }

        @Test
        void healthWhenManagementHasItsOwnPortThenProbesAnswerThere() {
            CatalogRefreshes.awaitIdle(); // readiness waits for discovery's first refresh

            assertThat(onManagementPort("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(onManagementPort("/actuator/health/readiness").status()).isEqualTo(200);
        }

        private GatewayResponse onManagementPort(String path) {
            GatewayClient anonymous = gateway.withApiKey(null);
            return anonymous.send(anonymous
                    .request("http://localhost:" + managementPort + path)
                    .GET());
        }
    }
}
