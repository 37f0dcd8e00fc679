package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Catalog discovery against the simulated ListInferenceProfiles (two profiles per page): a refresh reads
 * every page with a signed request, and models it reports are routed to their profile from then on.
 */
@DeployedGateway
class CatalogDiscoveryIntegrationTest {

    private static final String NEW_MODEL = "vendor.new-model-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    CatalogRefresher refresher;

    @Test
    void refreshNowWhenBedrockListsANewModelsProfilesThenItIsRoutedToItsUsProfileAndListed() {
        CatalogRefreshes.awaitIdle();
        GatewayResponse before = complete(NEW_MODEL);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.header("x-gateway-bedrock-model-id"))
                .as("before the refresh")
                .isEqualTo(NEW_MODEL);
        simulator.serveInferenceProfiles(List.of(
                "us." + NEW_MODEL,
                "eu." + NEW_MODEL,
                "apac.anthropic.claude-opus-4-1-20250805-v1:0",
                "us.amazon.nova-pro-v1:0",
                "global." + NEW_MODEL));
        int sent = simulator.received().size();

        assertThat(refresher.refreshNow()).isTrue();

        List<RecordedRequest> listCalls =
                simulator.received().subList(sent, simulator.received().size());
        assertThat(listCalls)
                .as("one ListInferenceProfiles call per page of two, then ListFoundationModels")
                .extracting(RecordedRequest::rawPath)
                .containsExactly(
                        "/inference-profiles", "/inference-profiles", "/inference-profiles", "/foundation-models");
        assertThat(listCalls).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.signingAccessKeyId()).as("SigV4 signed").isNotNull();
        });

        GatewayResponse after = complete(NEW_MODEL);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.header("x-gateway-bedrock-model-id")).isEqualTo("us." + NEW_MODEL);
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us." + NEW_MODEL);

        JsonNode listed = modelNamed(NEW_MODEL);
        assertThat(listed).as("%s in /v1/models", NEW_MODEL).isNotNull();
        assertThat(listed.path("bedrock_model_id").stringValue()).isEqualTo("us." + NEW_MODEL);
        assertThat(listed.path("owned_by").stringValue()).isEqualTo("vendor");
    }

    @Test
    void aDiscoveryOutageKeepsTheLastGoodCatalogAndFailsNoCall() {
        String model = "vendor.kept-model-v1:0";
        CatalogRefreshes.awaitIdle();
        simulator.serveInferenceProfiles(List.of("us." + model));
        assertThat(refresher.refreshNow()).isTrue();
        simulator.failInferenceProfiles(SimulatorFault.serviceUnavailable("The control plane is down."));

        boolean refreshed = refresher.refreshNow();
        GatewayResponse during = complete(model);

        assertThat(refreshed).as("the refresh failed").isFalse();
        assertThat(during.status()).as(during.body()).isEqualTo(200);
        assertThat(during.header("x-gateway-bedrock-model-id"))
                .as("still routed by what the last good refresh learned")
                .isEqualTo("us." + model);
    }

    private GatewayResponse complete(String model) {
        return gateway.postJson(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    private JsonNode modelNamed(String id) {
        GatewayResponse response = gateway.get("/v1/models");
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode model : response.json().path("data")) {
            if (id.equals(model.path("id").stringValue())) {
                return model;
            }
        }
        return null;
    }
}
