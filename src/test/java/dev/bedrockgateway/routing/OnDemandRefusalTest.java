package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.simulator.SimulatorFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising Bedrock's refusal of a direct model ID on demand, and nothing else. */
class OnDemandRefusalTest {

    private static final String CURLY = "Invocation of model ID anthropic.claude-3-5-haiku-20241022-v1:0 with "
            + "on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference "
            + "profile that contains this model.";

    @ParameterizedTest
    @ValueSource(
            strings = {
                CURLY,
                "Invocation of model ID anthropic.claude-3-5-haiku-20241022-v1:0 with on-demand throughput isn't supported. "
                        + "Retry your request with the ID or ARN of an inference profile that contains this model.",
                "The provided model doesn't support on-demand throughput.",
                "INVOCATION WITH ON-DEMAND THROUGHPUT ISN'T SUPPORTED"
            })
    void matchesWhenAValidationExceptionSaysOnDemandThroughputIsNotSupportedThenTrue(String message) {
        assertThat(OnDemandRefusal.matches(validation(message))).isTrue();
    }

    @Test
    void matchesWhenTheSimulatorSendsItsOnDemandFaultThenTrue() {
        String message = SimulatorFault.onDemandNotSupported("anthropic.claude-future-v9:0")
                .message();

        assertThat(OnDemandRefusal.matches(validation(message))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Malformed input request: #/messages: expected minimum item count: 1, please reformat your input and try again.",
                "The provided model identifier is invalid.",
                "The model returned the following errors: Input is too long for requested model.",
                "on-demand"
            })
    void matchesWhenAnotherValidationExceptionThenFalse(String message) {
        assertThat(OnDemandRefusal.matches(validation(message))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = "INVALID_REQUEST", mode = EnumSource.Mode.EXCLUDE)
    void matchesWhenTheSameTextComesWithAnyOtherKindThenFalse(ErrorKind kind) {
        assertThat(OnDemandRefusal.matches(new GatewayException(kind, CURLY, null, "SomethingException")))
                .isFalse();
    }

    private static GatewayException validation(String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, null, "ValidationException");
    }
}
