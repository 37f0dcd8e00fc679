package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pins how Bedrock's errors reach callers: each Bedrock exception gets its status and OpenAI type on
 * {@code /v1/*}, keeps its name and message, and is passed through by name on the Bedrock-wire path.
 */
@GatewayIntegrationTest
class UpstreamErrorContractIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    /**
     * One Bedrock fault and what the caller must see for it.
     *
     * @param name short name, also used in the model ID
     * @param fault builds the fault for a model ID
     * @param status the status the gateway answers with
     * @param openAiType the OpenAI {@code error.type}
     */
    record FaultCase(String name, Function<String, SimulatorFault> fault, int status, String openAiType) {

        String modelId() {
            return "us.test.fault-" + name + "-v1:0";
        }

        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static Stream<FaultCase> faults() {
        return Stream.of(
                new FaultCase(
                        "validation",
                        id -> SimulatorFault.validation(
                                "The model returned the following " + "errors: messages.0.content: field required"),
                        400,
                        "invalid_request_error"),
                new FaultCase("on-demand", SimulatorFault::onDemandNotSupported, 400, "invalid_request_error"),
                new FaultCase(
                        "access-denied",
                        id -> SimulatorFault.accessDenied(
                                "You don't have access to the " + "model with the specified model ID."),
                        403,
                        "permission_error"),
                new FaultCase(
                        "not-found",
                        id -> SimulatorFault.resourceNotFound("Model " + id + " not found."),
                        404,
                        "not_found_error"),
                new FaultCase("throttling", id -> SimulatorFault.throttling(), 429, "rate_limit_error"),
                new FaultCase(
                        "quota",
                        id -> SimulatorFault.serviceQuotaExceeded(
                                "Your account has exceeded " + "the tokens-per-minute quota."),
                        429,
                        "rate_limit_error"),
                new FaultCase(
                        "model-timeout",
                        id -> SimulatorFault.modelTimeout("Model has timed out in " + "processing the request."),
                        504,
                        "api_error"),
                new FaultCase(
                        "model-not-ready",
                        id -> SimulatorFault.modelNotReady("Model is not ready " + "for inference."),
                        503,
                        "api_error"),
                new FaultCase(
                        "unavailable",
                        id -> SimulatorFault.serviceUnavailable("Bedrock is unavailable."),
                        503,
                        "api_error"),
                new FaultCase(
                        "model-error",
                        id -> SimulatorFault.modelError("The model failed to process the " + "request \"<>&\\."),
                        424,
                        "api_error"),
                new FaultCase(
                        "internal",
                        id -> SimulatorFault.internalServer("An internal server error " + "occurred."),
                        502,
                        "api_error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void completionsWhenBedrockFailsThenAnswersMappedStatusWithBedrocksNameAndMessage(FaultCase fault) {
        SimulatorFault injected = fault.fault().apply(fault.modelId());
        simulator.failRequestsFor(fault.modelId(), injected);

        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"hi"}]}""".formatted(fault.modelId()));

        JsonNode error = assertOpenAiError(response, fault.status(), fault.openAiType(), null);
        assertThat(error.get("code").stringValue()).isEqualTo(injected.errorType());
        assertThat(error.get("message").stringValue()).isEqualTo(injected.message());
        assertThat(simulator.received())
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.modelId()).isEqualTo(fault.modelId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void wireConverseWhenBedrockFailsThenPassesBedrocksExceptionNameAndMessageThrough(FaultCase fault) {
        SimulatorFault injected = fault.fault().apply(fault.modelId());
        simulator.failRequestsFor(fault.modelId(), injected);

        GatewayResponse response = gateway.postJson(
                "/model/" + URLEncoder.encode(fault.modelId(), StandardCharsets.UTF_8) + "/converse", """
                {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""");

        assertThat(assertAwsError(response, fault.status(), injected.errorType()))
                .isEqualTo(injected.message());
    }

    @Test
    void completionsWhenBedrockRejectsTheRequestThenItIsNotRetried() {
        String modelId = "us.test.fault-validation-once-v1:0";
        simulator.failRequestsFor(modelId, SimulatorFault.validation("Malformed input request."));

        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"hi"}]}""".formatted(modelId));

        assertThat(response.status()).isEqualTo(400);
        assertThat(simulator.received()).hasSize(1);
    }
}
