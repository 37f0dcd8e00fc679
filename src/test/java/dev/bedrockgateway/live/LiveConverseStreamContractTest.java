package dev.bedrockgateway.live;

import static dev.bedrockgateway.live.ContractAssertions.TOOL_USE_ID;
import static dev.bedrockgateway.live.ContractAssertions.assertRequestId;
import static dev.bedrockgateway.live.ContractAssertions.assertStreamGrammar;
import static dev.bedrockgateway.live.ContractAssertions.stopReason;
import static dev.bedrockgateway.live.ContractAssertions.streamedText;
import static dev.bedrockgateway.live.ContractAssertions.streamedToolInput;
import static dev.bedrockgateway.live.ContractAssertions.toolUseStart;
import static dev.bedrockgateway.live.ContractAssertions.usage;
import static dev.bedrockgateway.live.LiveRequests.LONG_ANSWER_PROMPT;
import static dev.bedrockgateway.live.LiveRequests.WEATHER_TOOL;
import static dev.bedrockgateway.live.LiveRequests.asStream;
import static dev.bedrockgateway.live.LiveRequests.ask;
import static dev.bedrockgateway.live.LiveRequests.forcedWeatherCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves that the simulator's ConverseStream answers decode in the SDK exactly as real Bedrock's do: an HTTP 200
 * with content type {@code application/vnd.amazon.eventstream} and a request ID, then messageStart (assistant),
 * content blocks numbered from 0 (text without contentBlockStart; a tool call with a contentBlockStart carrying
 * its ID and name, then its input as JSON pieces), each closed by contentBlockStop, messageStop with the stop
 * reason, and metadata with usage and latency. The SDK decoding the frames at all proves their binary framing.
 *
 * <p>Skipped unless the environment names a model and credentials ({@link LiveBedrockSettings}). Run with
 * {@code BEDROCK_LIVE_MODEL_ID=... BEDROCK_LIVE_ACCESS_KEY_ID=... BEDROCK_LIVE_SECRET_ACCESS_KEY=... ./mvnw test
 * -Dtest='Live*Test'}. A run makes two small calls to real Bedrock.
 */
@ExtendWith(LiveBedrockCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConverseStreamContractTest {

    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final JsonMapper json = JsonMapper.builder().build();
    private BothSides sides;

    @BeforeAll
    void startBothSides() {
        sides = BothSides.start();
    }

    @AfterAll
    void stopBothSides() {
        sides.close();
    }

    @Test
    void aTextStreamHasTheSameEventSequenceOnBothSides() {
        int maxTokens = 3;
        // A cut answer makes the stop reason the request's doing, so both sides must report max_tokens.
        ConverseStreamRequest request = asStream(ask(model(), LONG_ANSWER_PROMPT, maxTokens));

        for (Side side : List.of(sides.real(), sides.simulated())) {
            Side.Streamed streamed = side.stream(request);

            assertThat(streamed.response().sdkHttpResponse().statusCode())
                    .as("%s: HTTP status", side.name())
                    .isEqualTo(200);
            assertThat(streamed.response().sdkHttpResponse().firstMatchingHeader("Content-Type"))
                    .as("%s: Content-Type", side.name())
                    .hasValue(EVENT_STREAM);
            assertRequestId(streamed.response().responseMetadata().requestId(), side.name());
            assertThat(assertStreamGrammar(streamed.events(), side.name()))
                    .as("%s: content blocks", side.name())
                    .containsExactly("text");
            assertThat(streamedText(streamed.events()))
                    .as("%s: streamed text", side.name())
                    .isNotBlank();
            StopReason stopReason = stopReason(streamed.events());
            assertThat(stopReason).as("%s: stopReason", side.name()).isEqualTo(StopReason.MAX_TOKENS);
            assertThat(usage(streamed.events()).outputTokens())
                    .as("%s: outputTokens", side.name())
                    .isBetween(1, maxTokens);
        }
    }

    @Test
    void aForcedToolStreamsItsNameFirstAndItsInputAsJsonPiecesOnBothSides() {
        ConverseStreamRequest request = asStream(forcedWeatherCall(model()));

        for (Side side : List.of(sides.real(), sides.simulated())) {
            Side.Streamed streamed = side.stream(request);

            // Only tool blocks are compared: real models may or may not write text before a forced call.
            assertThat(assertStreamGrammar(streamed.events(), side.name()))
                    .as("%s: tool-use blocks", side.name())
                    .filteredOn(kind -> kind.startsWith("toolUse"))
                    .containsExactly("toolUse " + WEATHER_TOOL);
            ContentBlockStartEvent start = toolUseStart(streamed.events(), side.name());
            assertThat(start.start().toolUse().toolUseId())
                    .as("%s: toolUseId", side.name())
                    .matches(TOOL_USE_ID);
            JsonNode input = json.readTree(streamedToolInput(streamed.events(), start.contentBlockIndex()));
            assertThat(input.isObject())
                    .as("%s: the input pieces form a JSON object", side.name())
                    .isTrue();
            assertThat(input.path("city").isString())
                    .as("%s: the required string property in %s", side.name(), input)
                    .isTrue();
            StopReason stopReason = stopReason(streamed.events());
            assertThat(stopReason).as("%s: stopReason", side.name()).isEqualTo(StopReason.TOOL_USE);
        }
    }

    private String model() {
        return sides.settings().modelId();
    }
}
