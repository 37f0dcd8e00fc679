package dev.bedrockgateway.live;

import static dev.bedrockgateway.live.ContractAssertions.assertSameError;
import static dev.bedrockgateway.live.LiveRequests.asStream;
import static dev.bedrockgateway.live.LiveRequests.assistant;
import static dev.bedrockgateway.live.LiveRequests.message;
import static dev.bedrockgateway.live.LiveRequests.user;
import static dev.bedrockgateway.live.LiveRequests.weatherToolOffered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bedrockgateway.simulator.SimulatorFault;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Proves that errors reach the SDK from the simulator as they do from real Bedrock (same exception class, HTTP
 * status and error code, a message and a request ID):
 * <ul>
 *   <li>a model ID that runs only through an inference profile, called directly, is refused with a
 *       {@code ValidationException} whose message contains the phrase the gateway's self-healing looks for, by
 *       Converse and by ConverseStream, and the simulator's {@link SimulatorFault#onDemandNotSupported} fault does
 *       the same;
 *   <li>an unknown model ID is refused with a {@code ValidationException} or {@code ResourceNotFoundException},
 *       and the simulator's fault for that exception reaches the SDK the same way;
 *   <li>malformed requests are {@code ValidationException}s on both sides, found by the simulator itself.
 * </ul>
 * Messages are logged side by side but not compared, except for the on-demand phrase.
 *
 * <p>Skipped unless the environment names a model and credentials ({@link LiveBedrockSettings}). Run with
 * {@code BEDROCK_LIVE_MODEL_ID=... BEDROCK_LIVE_ACCESS_KEY_ID=... BEDROCK_LIVE_SECRET_ACCESS_KEY=... ./mvnw test
 * -Dtest='Live*Test'}. All eight of its calls are meant to be refused, and Bedrock does not bill refusals.
 */
@ExtendWith(LiveBedrockCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveErrorContractTest {

    /** What {@code routing.OnDemandRefusal} looks for, lower-cased, in a ValidationException's message. */
    private static final String ON_DEMAND_PHRASE = "on-demand throughput";

    /** Well-formed, but no model has this ID. */
    private static final String UNKNOWN_MODEL = "anthropic.bedrock-gateway-live-no-such-model-v1:0";

    private BothSides sides;

    @BeforeAll
    void startBothSides() {
        sides = BothSides.start();
    }

    @AfterAll
    void stopBothSides() {
        sides.close();
    }

    @BeforeEach
    void resetSimulator() {
        sides.simulator().reset();
    }

    @Test
    void aDirectModelIdThatNeedsAnInferenceProfileIsRefusedAlikeOnBothSides() {
        assertOnDemandRefusedAlike(Side::converseFailure);
    }

    @Test
    void aStreamToADirectModelIdThatNeedsAnInferenceProfileIsRefusedAlikeOnBothSides() {
        assertOnDemandRefusedAlike((side, request) -> side.streamFailure(asStream(request)));
    }

    @Test
    void anUnknownModelIdIsRefusedAlikeOnBothSides() {
        ConverseRequest request = request(UNKNOWN_MODEL, b -> b.messages(user("Hi")));
        BedrockRuntimeException real = sides.real().converseFailure(request);
        assertThat(real).as("real Bedrock's answer for %s", UNKNOWN_MODEL).isNotNull();
        assumeFalse(
                real instanceof AccessDeniedException,
                () -> "The identity may not call models it was not granted,"
                        + " so Bedrock's answer for an unknown model cannot be observed: " + real.getMessage());
        assertThat(real).isInstanceOfAny(ValidationException.class, ResourceNotFoundException.class);
        String message = real.awsErrorDetails().errorMessage();
        // The gateway's tests inject this fault for a model Bedrock does not know.
        sides.simulator()
                .failRequestsFor(
                        UNKNOWN_MODEL,
                        real instanceof ValidationException
                                ? SimulatorFault.validation(message)
                                : SimulatorFault.resourceNotFound(message));

        BedrockRuntimeException simulated = sides.simulated().converseFailure(request);

        assertThat(simulated).as("simulator's answer").isNotNull();
        assertSameError(real, simulated);
        assertThat(simulated.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    /**
     * One malformed request.
     *
     * @param description what is wrong with it
     * @param body sets everything but the model ID
     */
    record InvalidRequest(String description, Consumer<ConverseRequest.Builder> body) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<InvalidRequest> invalidRequests() {
        ContentBlock toolUse = ContentBlock.fromToolUse(use -> use.toolUseId("tooluse_live_a")
                .name(LiveRequests.WEATHER_TOOL)
                .input(Document.mapBuilder().putString("city", "Paris").build()));
        ContentBlock strayResult = ContentBlock.fromToolResult(
                result -> result.toolUseId("tooluse_live_z").content(ToolResultContentBlock.fromText("Sunny")));
        return Stream.of(
                new InvalidRequest("an empty message list", b -> b.messages(List.of())),
                new InvalidRequest(
                        "a conversation starting with the assistant", b -> b.messages(assistant("Hello"), user("Hi"))),
                new InvalidRequest("a blank text block", b -> b.messages(user("   "))),
                new InvalidRequest(
                        "a maxTokens of zero", b -> b.messages(user("Hi")).inferenceConfig(c -> c.maxTokens(0))),
                new InvalidRequest(
                        "a tool result for a tool use that never happened",
                        b -> b.toolConfig(weatherToolOffered())
                                .messages(
                                        user("What is the weather in Paris?"),
                                        message(ConversationRole.ASSISTANT, toolUse),
                                        message(ConversationRole.USER, strayResult))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void anInvalidRequestIsAValidationExceptionOnBothSides(InvalidRequest invalid) {
        ConverseRequest request = request(sides.settings().modelId(), invalid.body());

        BedrockRuntimeException real = sides.real().converseFailure(request);
        BedrockRuntimeException simulated = sides.simulated().converseFailure(request);

        assertThat(real).as("real Bedrock's answer").isInstanceOf(ValidationException.class);
        assertThat(simulated).as("simulator's answer").isInstanceOf(ValidationException.class);
        assertSameError(real, simulated);
    }

    /** A call that returns the exception it failed with, or null if it succeeded. */
    private interface FailingCall {
        @Nullable BedrockRuntimeException failure(Side side, ConverseRequest request);
    }

    private void assertOnDemandRefusedAlike(FailingCall call) {
        String direct = sides.settings().directModelId();
        assumeTrue(
                direct != null,
                () -> LiveBedrockSettings.MODEL_ID + "=" + sides.settings().modelId()
                        + " has no inference-profile prefix, so there is no direct model ID to refuse");
        ConverseRequest request = request(direct, b -> b.messages(user("Hi")));
        BedrockRuntimeException real = call.failure(sides.real(), request);
        assumeTrue(
                real != null,
                () -> direct + " answers on demand in " + sides.settings().region()
                        + ", so Bedrock's refusal cannot be observed with this model; choose one that runs only through"
                        + " inference profiles, such as us.anthropic.claude-haiku-4-5-20251001-v1:0");
        assumeFalse(
                real instanceof AccessDeniedException,
                () -> "The identity may not call " + direct
                        + " directly, so Bedrock's on-demand refusal cannot be observed: " + real.getMessage());
        assertThat(real).as("real Bedrock's refusal of %s", direct).isInstanceOf(ValidationException.class);
        assertThat(real.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT))
                .as("real Bedrock's message")
                .contains(ON_DEMAND_PHRASE);
        // As the gateway's routing tests configure the simulator.
        sides.simulator().failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        BedrockRuntimeException simulated = call.failure(sides.simulated(), request);

        assertThat(simulated).as("simulator's refusal of %s", direct).isNotNull();
        assertSameError(real, simulated);
        assertThat(simulated.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT))
                .as("simulator's message")
                .contains(ON_DEMAND_PHRASE);
    }

    /** A request to this model; a small maxTokens keeps the cost tiny should Bedrock answer after all. */
    private static ConverseRequest request(String modelId, Consumer<ConverseRequest.Builder> body) {
        ConverseRequest.Builder builder =
                ConverseRequest.builder().modelId(modelId).inferenceConfig(c -> c.maxTokens(16));
        body.accept(builder);
        return builder.build();
    }
}
