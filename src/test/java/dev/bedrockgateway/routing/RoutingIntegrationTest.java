package dev.bedrockgateway.routing;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Model routing over real HTTP on every surface: what Bedrock receives (the simulator's view) matches the
 * {@code x-gateway-bedrock-model-id} header, and self-healing retries a refused direct ID once as a profile.
 * The local profile's region is us-east-1, so the geography is {@code us}. Self-healing is remembered for the
 * whole context, so every test uses its own model IDs. The aliases {@code claude-haiku} and
 * {@code openai/gpt-4o} are {@link ConfiguredGateway}'s.
 */
@ConfiguredGateway
class RoutingIntegrationTest {

    private static final String HEADER = "x-gateway-bedrock-model-id";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    /** The three ways to ask for a chat. */
    enum Surface {
        OPENAI_COMPLETIONS,
        CHAT_CONVERSE_STYLE,
        BEDROCK_WIRE;

        /** A model ID of the calling test's own, distinct per surface; completions get {@code anthropic.<stem>-v9:0}. */
        String ownModel(String stem) {
            return this == OPENAI_COMPLETIONS
                    ? "anthropic." + stem + "-v9:0"
                    : "anthropic." + stem + "-"
                            + name().toLowerCase(Locale.ROOT).replace('_', '-') + "-v9:0";
        }
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void routeWhenADirectIdIsSentThenBedrockReceivesTheUsProfile(Surface surface) {
        GatewayResponse response = call(surface, "anthropic.claude-3-5-haiku-20241022-v1:0");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header(HEADER)).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
    }

    static Stream<Arguments> passThrough() {
        List<String[]> models = List.of(
                new String[] {"eu.amazon.nova-pro-v1:0", "eu.amazon.nova-pro-v1:0"},
                new String[] {
                    "bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                    "global.anthropic.claude-sonnet-4-5-20250929-v1:0"
                },
                new String[] {
                    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
                    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
                },
                new String[] {
                    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3",
                    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3"
                },
                new String[] {"claude-haiku", "us.anthropic.claude-3-5-haiku-20241022-v1:0"},
                new String[] {"openai/gpt-4o", "us.amazon.nova-pro-v1:0"});
        return Stream.of(Surface.values())
                .flatMap(surface -> models.stream().map(model -> Arguments.of(surface, model[0], model[1])));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("passThrough")
    void routeWhenAProfileArnOrAliasIsSentThenBedrockReceivesWhatItNames(
            Surface surface, String model, String expected) {
        GatewayResponse response = call(surface, model);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header(HEADER)).isEqualTo(expected);
        assertThat(simulator.lastReceived().modelId()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void routeWhenTheModelHasAnUnknownPrefixThenRefusesWith400InTheCallersFormat(Surface surface) {
        GatewayResponse response = call(surface, "azure/gpt-4o");

        String message = surface == Surface.BEDROCK_WIRE
                ? assertAwsError(response, 400, "ValidationException")
                : assertOpenAiError(response, 400, "invalid_request_error", "model")
                        .get("message")
                        .stringValue();
        assertThat(message).contains("unknown prefix 'azure/'", "bedrock/");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void routeWhenABareUnknownNameIsSentThenRefusesWith404AboutModel() {
        GatewayResponse response = call(Surface.OPENAI_COMPLETIONS, "gpt-4o");

        assertOpenAiError(response, 404, "not_found_error", "model");
        assertThat(simulator.received()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void converseWhenBedrockRefusesADirectIdOnDemandThenRetriesOnceWithTheProfileAndRemembersIt(Surface surface) {
        String direct = surface.ownModel("claude-future");
        String profile = "us." + direct;
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        GatewayResponse healed = call(surface, direct);

        assertThat(healed.status()).as(healed.body()).isEqualTo(200);
        assertThat(healed.header(HEADER)).isEqualTo(profile);
        assertThat(modelIdsReceivedSince(0)).containsExactly(direct, profile);

        GatewayResponse next = call(surface, direct);

        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.header(HEADER)).isEqualTo(profile);
        assertThat(modelIdsReceivedSince(2)).containsExactly(profile);
    }

    @ParameterizedTest
    @EnumSource(Surface.class)
    void converseWhenTheProfileFailsTooThenTheCallerSeesBedrocksOriginalOnDemandError(Surface surface) {
        String direct = surface.ownModel("claude-doomed");
        String profile = "us." + direct;
        SimulatorFault onDemand = SimulatorFault.onDemandNotSupported(direct);
        simulator.failRequestsFor(direct, onDemand);
        simulator.failRequestsFor(profile, SimulatorFault.validation("The provided model identifier is invalid."));

        GatewayResponse response = call(surface, direct);

        assertThat(errorMessage(surface, response)).isEqualTo(onDemand.message());
        assertThat(modelIdsReceivedSince(0)).containsExactly(direct, profile);

        GatewayResponse next = call(surface, direct);

        assertThat(errorMessage(surface, next)).isEqualTo(onDemand.message());
        assertThat(modelIdsReceivedSince(2)).as("no second detour").containsExactly(direct);
    }

    @Test
    void converseWhenBedrockRefusesADirectIdForAnotherReasonThenDoesNotRetry() {
        String direct = "anthropic.claude-malformed-v9:0";
        simulator.failRequestsFor(direct, SimulatorFault.validation("Malformed input request: please reformat."));

        GatewayResponse response = call(Surface.OPENAI_COMPLETIONS, direct);

        assertThat(errorMessage(Surface.OPENAI_COMPLETIONS, response))
                .isEqualTo("Malformed input request: please reformat.");
        assertThat(modelIdsReceivedSince(0)).containsExactly(direct);
    }

    @Test
    void modelsWhenListedThenAliasesAndCatalogModelsShowTheirBedrockModelId() {
        GatewayResponse response = gateway.get("/v1/models");

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        response.json().path("data").forEach(model -> byId.put(model.path("id").stringValue(), model));
        assertThat(byId)
                .containsKeys(
                        "claude-haiku",
                        "openai/gpt-4o",
                        "amazon.nova-lite-v1:0",
                        "anthropic.claude-3-5-haiku-20241022-v1:0",
                        "mistral.mistral-large-2407-v1:0");
        assertModel(byId.get("claude-haiku"), "us.anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic");
        assertModel(byId.get("openai/gpt-4o"), "us.amazon.nova-pro-v1:0", "amazon");
        assertModel(byId.get("amazon.nova-lite-v1:0"), "us.amazon.nova-lite-v1:0", "amazon");
        assertModel(
                byId.get("anthropic.claude-3-5-haiku-20241022-v1:0"),
                "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                "anthropic");
        assertModel(byId.get("mistral.mistral-large-2407-v1:0"), "mistral.mistral-large-2407-v1:0", "mistral");
    }

    private GatewayResponse call(Surface surface, String model) {
        return switch (surface) {
            case OPENAI_COMPLETIONS ->
                gateway.postJson(
                        "/v1/chat/completions",
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            case CHAT_CONVERSE_STYLE ->
                gateway.postJson(
                        "/v1/chat",
                        "{\"modelId\":\"" + model
                                + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}");
            case BEDROCK_WIRE ->
                gateway.postJson(
                        "/model/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/converse",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}");
        };
    }

    /** Asserts a 400 ValidationException in the surface's format and returns its message. */
    private static String errorMessage(Surface surface, GatewayResponse response) {
        if (surface == Surface.BEDROCK_WIRE) {
            return assertAwsError(response, 400, "ValidationException");
        }
        JsonNode error = assertOpenAiError(response, 400, "invalid_request_error", null);
        assertThat(error.get("code").stringValue()).isEqualTo("ValidationException");
        return error.get("message").stringValue();
    }

    private List<String> modelIdsReceivedSince(int index) {
        List<RecordedRequest> received = simulator.received();
        return received.subList(index, received.size()).stream()
                .map(RecordedRequest::modelId)
                .toList();
    }

    private static void assertModel(JsonNode model, String bedrockModelId, String ownedBy) {
        assertThat(model.path("bedrock_model_id").stringValue())
                .as("bedrock_model_id of %s", model)
                .isEqualTo(bedrockModelId);
        assertThat(model.path("owned_by").stringValue())
                .as("owned_by of %s", model)
                .isEqualTo(ownedBy);
    }
}
