package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pins the error contract of {@code POST /v1/chat} in both request styles. {@code /v1/chat} is an OpenAI-family
 * path, so a Converse-style caller gets the same OpenAI error object as an OpenAI-style one (only the success
 * body follows the request style), carrying Bedrock's exception name in {@code code} and its message unchanged.
 * The body limit is {@link ConfiguredGateway}'s 1 KB.
 */
@ConfiguredGateway
class ChatErrorContractIntegrationTest {

    private static final String CHAT = "/v1/chat";
    private static final int LIMIT = ConfiguredGateway.MAX_BODY_SIZE;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    /** The two bodies {@code /v1/chat} accepts. */
    enum Style {
        OPENAI,
        CONVERSE;

        String body(String model, String text) {
            return this == OPENAI
                    ? "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"
                    : "{\"modelId\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + text
                            + "\"}]}]}";
        }
    }

    /**
     * One Bedrock fault and what the caller must see, as UpstreamErrorContractIntegrationTest maps it.
     *
     * @param name short name, also used in the model ID
     * @param fault what the simulator answers
     * @param status the status the gateway answers with
     * @param openAiType the OpenAI {@code error.type}
     */
    record FaultCase(String name, SimulatorFault fault, int status, String openAiType) {

        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static Stream<Arguments> faults() {
        Stream<FaultCase> faults = Stream.of(
                new FaultCase("throttling", SimulatorFault.throttling(), 429, "rate_limit_error"),
                new FaultCase(
                        "access-denied",
                        SimulatorFault.accessDenied(
                                "You don't have access to the model " + "with the specified model ID."),
                        403,
                        "permission_error"),
                new FaultCase(
                        "validation",
                        SimulatorFault.validation(
                                "The model returned the following errors: " + "messages.0.content: field required"),
                        400,
                        "invalid_request_error"),
                new FaultCase(
                        "unavailable", SimulatorFault.serviceUnavailable("Bedrock is unavailable."), 503, "api_error"),
                new FaultCase(
                        "model-not-ready",
                        SimulatorFault.modelNotReady("Model is not ready for inference."),
                        503,
                        "api_error"));
        return faults.flatMap(fault -> Stream.of(Style.values()).map(style -> Arguments.of(style, fault)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void chatWhenBedrockFailsThenAnswersTheMappedStatusAsAnOpenAiErrorWithBedrocksNameAndMessage(
            Style style, FaultCase fault) {
        String modelId =
                "us.test.chat-fault-" + fault.name() + "-" + style.name().toLowerCase(Locale.ROOT) + "-v1:0";
        simulator.failRequestsFor(modelId, fault.fault());

        GatewayResponse response = gateway.postJson(CHAT, style.body(modelId, "hi"));

        JsonNode error = assertOpenAiError(response, fault.status(), fault.openAiType(), null);
        assertThat(error.get("code").stringValue()).isEqualTo(fault.fault().errorType());
        assertThat(error.get("message").stringValue()).isEqualTo(fault.fault().message());
        assertThat(response.header("x-amzn-ErrorType"))
                .as("no AWS error header off the Bedrock wire")
                .isNull();
        assertThat(simulator.received()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.operation()).isEqualTo("converse");
            assertThat(request.modelId()).isEqualTo(modelId);
        });
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void chatWhenTheBodyExceedsTheLimitThenAnswers413AsAnOpenAiErrorAndBedrockHearsNothing(Style style) {
        String body = style.body("us.amazon.nova-lite-v1:0", "x".repeat(2 * LIMIT));
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(LIMIT);

        GatewayResponse response = gateway.postJson(CHAT, body);

        String message = assertOpenAiError(response, 413, "invalid_request_error", null)
                .get("message")
                .stringValue();
        assertThat(message).contains(String.valueOf(LIMIT));
        assertThat(simulator.received()).isEmpty();
    }
}
