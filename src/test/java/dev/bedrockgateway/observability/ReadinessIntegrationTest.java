package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.routing.CatalogRefreshes;
import dev.bedrockgateway.routing.DeployedGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Readiness with catalog discovery on, probed on the management port as Kubernetes probes it: it follows what the
 * background refresh achieved, read from memory, so a probe never reaches Bedrock however often Kubernetes asks.
 * The context is {@link DeployedGateway}'s, which other classes share; readiness when discovery never succeeded is
 * {@link ReadinessWithoutDiscoveryTest}'s.
 */
@DeployedGateway
class ReadinessIntegrationTest {

    private static final int PROBES = 5;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @LocalManagementPort
    int managementPort;

    @Test
    void readinessWhenProbedRepeatedlyThenAnswersUpFromMemoryWithoutCallingBedrock() {
        CatalogRefreshes.awaitIdle();
        int received = simulator.received().size();

        for (int i = 0; i < PROBES; i++) {
            GatewayClient anonymous = gateway.withApiKey(null);
            GatewayResponse response = anonymous.send(anonymous
                    .request("http://localhost:" + managementPort + "/actuator/health/readiness")
                    .GET());
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
}
