package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.routing.CatalogRefreshes;
import dev.bedrockgateway.routing.DiscoveringGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Readiness with catalog discovery on: it follows what the background refresh achieved, read from memory, so
 * a probe never reaches Bedrock however often Kubernetes asks. The context is {@link DiscoveringGateway}'s, which
 * other discovery tests share; readiness when discovery never succeeded is {@link ReadinessWithoutDiscoveryTest}'s.
 */
@DiscoveringGateway
class ReadinessIntegrationTest {

    private static final int PROBES = 5;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void readinessWhenProbedRepeatedlyThenAnswersUpFromMemoryWithoutCallingBedrock() {
        CatalogRefreshes.awaitIdle();
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
}
