package dev.bedrockgateway.live;

import static dev.bedrockgateway.live.ContractAssertions.TOOL_USE_ID;
import static dev.bedrockgateway.live.ContractAssertions.assertAnswerShape;
import static dev.bedrockgateway.live.LiveRequests.LONG_ANSWER_PROMPT;
import static dev.bedrockgateway.live.LiveRequests.WEATHER_TOOL;
import static dev.bedrockgateway.live.LiveRequests.ask;
import static dev.bedrockgateway.live.LiveRequests.forcedWeatherCall;
import static dev.bedrockgateway.live.LiveRequests.message;
import static dev.bedrockgateway.live.LiveRequests.weatherToolOffered;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Proves that Converse answers of the simulator have the shape of real Bedrock's for the same request: an
 * assistant message, the stop reasons {@code end_turn}, {@code max_tokens} and {@code tool_use} where the request
 * determines them, consistent token usage, a latency and a request ID; and that a forced tool call and its
 * result make the same round trip. Model text is never compared: real text varies from call to call.
 *
 * <p>Skipped unless the environment names a model and credentials ({@link LiveBedrockSettings}). Run with
 * {@code BEDROCK_LIVE_MODEL_ID=... BEDROCK_LIVE_ACCESS_KEY_ID=... BEDROCK_LIVE_SECRET_ACCESS_KEY=... ./mvnw test
 * -Dtest='Live*Test'}. A run makes five small calls to real Bedrock.
 */
@ExtendWith(LiveBedrockCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConverseContractTest {

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
    void converseAnswersHaveTheSameShapeOnBothSides() {
        // 64 tokens leave a one-word answer plenty of room, so both sides end the turn themselves.
        ConverseRequest request = ask(model(), "Reply with the single word: pong", 64);

        for (Side side : List.of(sides.real(), sides.simulated())) {
            ConverseResponse response = side.converse(request);

            assertAnswerShape(response, side.name());
            assertThat(response.output().message().content())
                    .as("%s: a text-only answer", side.name())
                    .allSatisfy(block -> assertThat(block.text()).isNotNull())
                    .anySatisfy(block -> assertThat(block.text()).isNotBlank());
            assertThat(response.stopReason()).as("%s: stopReason", side.name()).isEqualTo(StopReason.END_TURN);
        }
    }

    @Test
    void aSmallMaxTokensEndsTheAnswerWithMaxTokensOnBothSides() {
        int maxTokens = 3;
        ConverseRequest request = ask(model(), LONG_ANSWER_PROMPT, maxTokens);

        for (Side side : List.of(sides.real(), sides.simulated())) {
            ConverseResponse response = side.converse(request);

            assertAnswerShape(response, side.name());
            assertThat(response.stopReason()).as("%s: stopReason", side.name()).isEqualTo(StopReason.MAX_TOKENS);
            assertThat(response.usage().outputTokens())
                    .as("%s: outputTokens", side.name())
                    .isBetween(1, maxTokens);
            assertThat(response.output().message().content())
                    .as("%s: the cut answer still has its text block", side.name())
                    .anySatisfy(block -> assertThat(block.text()).isNotNull());
        }
    }

    @Test
    void aForcedToolIsCalledByNameWithAnObjectInputOnBothSides() {
        for (Side side : List.of(sides.real(), sides.simulated())) {
            ConverseResponse response = side.converse(forcedWeatherCall(model()));

            assertAnswerShape(response, side.name());
            assertThat(response.stopReason()).as("%s: stopReason", side.name()).isEqualTo(StopReason.TOOL_USE);
            ToolUseBlock call = onlyToolUse(response, side);
            assertThat(call.name()).as("%s: tool name", side.name()).isEqualTo(WEATHER_TOOL);
            assertThat(call.toolUseId()).as("%s: toolUseId", side.name()).matches(TOOL_USE_ID);
            assertThat(call.input().isMap())
                    .as("%s: input is a JSON object", side.name())
                    .isTrue();
            assertThat(call.input().asMap().get("city"))
                    .as("%s: the required string property", side.name())
                    .isNotNull()
                    .satisfies(city -> assertThat(city.isString()).isTrue());
        }
    }

    @Test
    void aToolResultForTheToolUseIdIsAcceptedOnBothSides() {
        for (Side side : List.of(sides.real(), sides.simulated())) {
            ConverseRequest call = forcedWeatherCall(model());
            ConverseResponse callAnswer = side.converse(call);
            ToolUseBlock toolUse = onlyToolUse(callAnswer, side);
            List<Message> conversation = new ArrayList<>(call.messages());
            conversation.add(callAnswer.output().message());
            conversation.add(message(
                    ConversationRole.USER,
                    ContentBlock.fromToolResult(result -> result.toolUseId(toolUse.toolUseId())
                            .content(ToolResultContentBlock.fromText("Sunny, 21 degrees Celsius")))));
            // The tool is still offered (Bedrock requires it with tool blocks) but no longer forced.
            ConverseRequest followUp = call.toBuilder()
                    .messages(conversation)
                    .toolConfig(weatherToolOffered())
                    .build();

            ConverseResponse response = side.converse(followUp);

            assertAnswerShape(response, side.name());
        }
    }

    private String model() {
        return sides.settings().modelId();
    }

    private static ToolUseBlock onlyToolUse(ConverseResponse response, Side side) {
        // Only the tool-use blocks are compared: real models may or may not write text before a forced call.
        List<ToolUseBlock> calls = response.output().message().content().stream()
                .map(ContentBlock::toolUse)
                .filter(toolUse -> toolUse != null)
                .toList();
        assertThat(calls).as("%s: tool-use blocks", side.name()).hasSize(1);
        return calls.get(0);
    }
}
