package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.routing.InferenceProfileSource;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Readiness with catalog discovery on: it follows what the background refresh achieved, read from memory, so
 * a probe never reaches Bedrock however often Kubernetes asks.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.routing.discovery.enabled=true",
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=always"
        })
class ReadinessIntegrationTest {

    private static final int PROBES = 5;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void readinessWhenProbedRepeatedlyThenAnswersUpFromMemoryWithoutCallingBedrock() {
        awaitReadinessUp();
        int received = simulator.received().size();

        for (int i = 0; i < PROBES; i++) {
            GatewayResponse response = gateway.withApiKey(null).get("/actuator/health/readiness");
            assertThat(response.status())
                    .as("probe %d, body %s", i, response.body())
                    .isEqualTo(200);
            assertThat(response.json()
                            .at("/components/modelCatalog/details/discovery")
                            .asString())
                    .startsWith("refreshed ");
        }

        assertThat(simulator.received())
                .as("requests Bedrock received during the probes")
                .hasSize(received);
    }

    /** The startup refresh runs in the background, so readiness may still be out of service when a test starts. */
    private void awaitReadinessUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gateway.withApiKey(null).get("/actuator/health/readiness").status() != 200) {
            assertThat(System.nanoTime())
                    .as("readiness did not come up in 30 s")
                    .isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Discovery configured, but Bedrock never answered ListInferenceProfiles. */
    @Nested
    class DiscoveryNeverSucceeded {

        @Autowired
        GatewayClient gateway;

        @Autowired
        BedrockSimulator simulator;

        @Test
        void readinessWhenDiscoveryNeverSucceededThenOutOfServiceWhileLivenessStaysUp() {
            for (int i = 0; i < PROBES; i++) {
                GatewayResponse readiness = gateway.withApiKey(null).get("/actuator/health/readiness");

                assertThat(readiness.status())
                        .as("probe %d, body %s", i, readiness.body())
                        .isEqualTo(503);
                JsonNode health = readiness.json();
                assertThat(health.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
                JsonNode catalog = health.at("/components/modelCatalog");
                assertThat(catalog.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
                assertThat(catalog.at("/details/discovery").asString()).isEqualTo("never succeeded");
                assertThat(catalog.at("/details/models").asInt())
                        .as("the built-in catalog")
                        .isPositive();
            }

            GatewayResponse liveness = gateway.withApiKey(null).get("/actuator/health/liveness");
            assertThat(liveness.status())
                    .as("a restart would not help, body %s", liveness.body())
                    .isEqualTo(200);
            assertThat(simulator.received())
                    .as("a probe does not retry discovery")
                    .isEmpty();
        }

        /**
         * A Bedrock that refuses every ListInferenceProfiles, as with missing permissions. Nested here, not in
         * the outer class, so that Spring Boot adds it to this class's context only.
         */
        @TestConfiguration(proxyBeanMethods = false)
        static class UnreachableDiscovery {

            @Bean
            @Primary
            InferenceProfileSource unreachableInferenceProfileSource() {
                return () -> {
                    throw new IllegalStateException("ListInferenceProfiles refused: not authorized");
                };
            }
        }
    }
}
