package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Catalog discovery against the simulated ListInferenceProfiles (two profiles per page): a refresh reads
 * every page with a signed request, and models it reports are routed to their profile from then on.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "gateway.routing.discovery.enabled=true")
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
        awaitStartupRefresh();
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
        assertThat(listCalls).as("one call per page of two").hasSize(3).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.rawPath()).isEqualTo("/inference-profiles");
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

    /**
     * The refresher's own first run starts with the context, in the background, and may still be listing
     * (nothing) when the test begins; it must not land between this test's calls. It is over once the
     * refresher thread is parked until the next run, hours away, with no refresh on its stack.
     */
    private static void awaitStartupRefresh() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!startupRefreshDone()) {
            assertThat(System.nanoTime())
                    .as("the startup refresh did not finish in 30 s")
                    .isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static boolean startupRefreshDone() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("catalog-refresher"))
                .anyMatch(thread -> thread.getKey().getState() == Thread.State.TIMED_WAITING
                        && Arrays.stream(thread.getValue())
                                .noneMatch(frame -> frame.getClassName().equals(CatalogRefresher.class.getName())));
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
