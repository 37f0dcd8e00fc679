package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.BedrockSimulatorConverseTest.user;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Checks that every configured fault reaches the real AWS SDK as the exception real Bedrock causes. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorFaultTest {

    private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorFaultTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(SimulatorFault.validation("bad input"), ValidationException.class),
                Arguments.of(SimulatorFault.accessDenied("not authorized"), AccessDeniedException.class),
                Arguments.of(SimulatorFault.resourceNotFound("no such model"), ResourceNotFoundException.class),
                Arguments.of(SimulatorFault.throttling(), ThrottlingException.class),
                // Not in Converse's error list, but SDK 2.57.8 registers every service error shape per client.
                Arguments.of(SimulatorFault.serviceQuotaExceeded("quota hit"), ServiceQuotaExceededException.class),
                Arguments.of(SimulatorFault.modelTimeout("too slow"), ModelTimeoutException.class),
                Arguments.of(SimulatorFault.modelNotReady("warming up"), ModelNotReadyException.class),
                Arguments.of(SimulatorFault.serviceUnavailable("down"), ServiceUnavailableException.class),
                Arguments.of(SimulatorFault.modelError("model broke"), ModelErrorException.class),
                Arguments.of(SimulatorFault.internalServer("oops"), InternalServerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void converseWhenAFaultIsConfiguredThenTheSdkThrowsTheMatchingExceptionWithTheMessage(
            SimulatorFault fault, Class<? extends BedrockRuntimeException> expected) {
        simulator.failRequestsFor(MODEL, fault);

        BedrockRuntimeException failure =
                failureOf(client.converse(b -> b.modelId(MODEL).messages(user("Hi"))));

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.statusCode()).isEqualTo(fault.status());
        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo(fault.errorType());
        assertThat(failure.awsErrorDetails().errorMessage()).isEqualTo(fault.message());
        assertThat(failure.requestId()).isNotBlank();
        // Recorded once: the fault is not retried, and failed requests are recorded too.
        assertThat(simulator.received())
                .singleElement()
                .extracting(RecordedRequest::modelId)
                .isEqualTo(MODEL);
    }

    @Test
    void aFailedRegionFailsEveryModelSignedForItAndNoOtherRegion() {
        simulator.failRegion("us-east-1", SimulatorFault.throttling());

        BedrockRuntimeException failure =
                failureOf(client.converse(b -> b.modelId(MODEL).messages(user("Hi"))));
        BedrockRuntimeException otherModel = failureOf(
                client.converse(b -> b.modelId("amazon.nova-lite-v1:0").messages(user("Hi"))));

        assertThat(failure).isInstanceOf(ThrottlingException.class);
        assertThat(otherModel).isInstanceOf(ThrottlingException.class);
        assertThat(simulator.received())
                .extracting(RecordedRequest::signingRegion)
                .containsOnly("us-east-1");
    }

    @Test
    void aRegionFailedElsewhereLeavesThisClientsRegionAnswering() {
        simulator.failRegion("us-west-2", SimulatorFault.serviceUnavailable("down"));

        ConverseResponse response =
                client.converse(b -> b.modelId(MODEL).messages(user("Hi"))).join();

        assertThat(response.output().message().content()).isNotEmpty();
    }

    @Test
    void aRegionFailedForSomeRequestsAnswersAgainAfterThem() {
        simulator.failRegion("us-east-1", SimulatorFault.throttling(), 1);

        BedrockRuntimeException first =
                failureOf(client.converse(b -> b.modelId(MODEL).messages(user("Hi"))));
        ConverseResponse second =
                client.converse(b -> b.modelId(MODEL).messages(user("Hi"))).join();

        assertThat(first).isInstanceOf(ThrottlingException.class);
        assertThat(second.output().message().content()).isNotEmpty();
    }

    @Test
    void throttlingFaultThenTheMessageIsTheOneBedrockSends() {
        assertThat(SimulatorFault.throttling())
                .isEqualTo(new SimulatorFault(
                        "ThrottlingException", 429, "Too many requests, please wait before trying again."));
    }

    @Test
    void converseWhenOnDemandIsNotSupportedThenTheValidationMessageHasTheCurlyApostrophe() {
        simulator.failRequestsFor(MODEL, SimulatorFault.onDemandNotSupported(MODEL));

        BedrockRuntimeException failure =
                failureOf(client.converse(b -> b.modelId(MODEL).messages(user("Hi"))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("Invocation of model ID " + MODEL + " with on-demand throughput isn\u2019t supported. "
                        + "Retry your request with the ID or ARN of an inference profile that contains this model.")
                .contains("isn\u2019t supported");
    }

    @Test
    void converseWhenAFaultTargetsAnotherModelThenThisModelStillAnswers() {
        simulator.failRequestsFor("some.other-model-v1:0", SimulatorFault.throttling());

        ConverseResponse response =
                client.converse(b -> b.modelId(MODEL).messages(user("Hi"))).join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: Hi");
    }

    @Test
    void converseAfterResetThenConfiguredFaultsAreGone() {
        simulator.failRequestsFor(MODEL, SimulatorFault.internalServer("oops"));
        simulator.reset();

        ConverseResponse response =
                client.converse(b -> b.modelId(MODEL).messages(user("Hi"))).join();

        assertThat(response.stopReason().toString()).isEqualTo("end_turn");
        assertThat(simulator.received()).hasSize(1);
    }

    @Test
    void converseWhenAFaultIsConfiguredForAnArnThenItMatchesTheDecodedArn() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-v1:0";
        simulator.failRequestsFor(arn, SimulatorFault.accessDenied("denied"));

        BedrockRuntimeException failure =
                failureOf(client.converse(b -> b.modelId(arn).messages(user("Hi"))));

        assertThat(failure).isInstanceOf(AccessDeniedException.class);
    }
}
