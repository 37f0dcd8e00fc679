package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.SimulatorRequests.assistant;
import static dev.bedrockgateway.simulator.SimulatorRequests.request;
import static dev.bedrockgateway.simulator.SimulatorRequests.text;
import static dev.bedrockgateway.simulator.SimulatorRequests.timeTool;
import static dev.bedrockgateway.simulator.SimulatorRequests.toJson;
import static dev.bedrockgateway.simulator.SimulatorRequests.toolResult;
import static dev.bedrockgateway.simulator.SimulatorRequests.toolUse;
import static dev.bedrockgateway.simulator.SimulatorRequests.tools;
import static dev.bedrockgateway.simulator.SimulatorRequests.user;
import static dev.bedrockgateway.simulator.SimulatorRequests.weatherTool;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.json.JsonMapper;

/** Tool calls, tool results and Bedrock's tool validation rules, through the real AWS SDK client. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorToolUseTest {

    private static final String TOOL_USE_ID = "tooluse_[A-Za-z0-9_-]{22}";

    private final JsonMapper json = JsonMapper.builder().build();
    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorToolUseTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void autoChoiceWhenTheUserNamesTwoToolsThenBothAreCalledInTheOrderTheyAreMentioned() {
        ConverseRequest request = request(b -> b.messages(user(text("Tell me the time and weather city=Paris.")))
                .toolConfig(tools(weatherTool(), timeTool())));

        ConverseResponse response = client.converse(request).join();

        List<ContentBlock> content = response.output().message().content();
        assertThat(content).hasSize(3);
        assertThat(content.get(0).text()).isEqualTo("Calling time, weather.");
        ToolUseBlock time = content.get(1).toolUse();
        ToolUseBlock weather = content.get(2).toolUse();
        assertThat(time.name()).isEqualTo("time");
        assertThat(time.input().asMap()).isEmpty();
        assertThat(weather.name()).isEqualTo("weather");
        assertThat(toJson(weather.input()))
                .isEqualTo(json.readTree("{\"city\":\"Paris\",\"days\":1,\"units\":\"celsius\",\"detailed\":true}"));
        assertThat(List.of(time.toolUseId(), weather.toolUseId()))
                .allMatch(id -> id.matches(TOOL_USE_ID))
                .doesNotHaveDuplicates();
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        // "Calling time, weather." is 3 words; "time" + "{}" is 2; "weather" + its compact input is 2.
        assertThat(response.usage().outputTokens()).isEqualTo(7);
    }

    @Test
    void autoChoiceWhenTheSameRequestIsRepeatedThenTheToolUseIdsAreTheSame() {
        ConverseRequest request =
                request(b -> b.messages(user(text("What is the weather?"))).toolConfig(tools(weatherTool())));

        String first = client.converse(request)
                .join()
                .output()
                .message()
                .content()
                .get(1)
                .toolUse()
                .toolUseId();
        String second = client.converse(request)
                .join()
                .output()
                .message()
                .content()
                .get(1)
                .toolUse()
                .toolUseId();

        assertThat(first).isEqualTo(second).matches(TOOL_USE_ID);
    }

    @Test
    void autoChoiceWhenTheUserTextAssignsPropertiesThenTheInputUsesThoseValues() {
        ConverseRequest request =
                request(b -> b.messages(user(text("WEATHER please: city=Oslo days=5 units=fahrenheit")))
                        .toolConfig(tools(weatherTool())));

        ToolUseBlock weather = client.converse(request)
                .join()
                .output()
                .message()
                .content()
                .get(1)
                .toolUse();

        assertThat(toJson(weather.input()))
                .isEqualTo(json.readTree("{\"city\":\"Oslo\",\"days\":5,\"units\":\"fahrenheit\",\"detailed\":true}"));
    }

    @Test
    void autoChoiceWhenNoToolIsMentionedThenTheModelAnswersWithText() {
        ConverseResponse response = client.converse(request(
                        b -> b.messages(user(text("Hello there"))).toolConfig(tools(weatherTool(), timeTool()))))
                .join();

        assertThat(response.output().message().content())
                .singleElement()
                .extracting(ContentBlock::text)
                .isEqualTo("Simulated reply to: Hello there");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void anyChoiceThenTheFirstToolIsCalledEvenIfNotMentioned() {
        ConverseResponse response = client.converse(request(b -> b.messages(user(text("Hello there")))
                        .toolConfig(ToolConfiguration.builder()
                                .tools(weatherTool(), timeTool())
                                .toolChoice(ToolChoice.fromAny(any -> {}))
                                .build())))
                .join();

        List<ContentBlock> content = response.output().message().content();
        assertThat(content.get(0).text()).isEqualTo("Calling weather.");
        assertThat(content).hasSize(2);
        assertThat(content.get(1).toolUse().name()).isEqualTo("weather");
        assertThat(toJson(content.get(1).toolUse().input()))
                .isEqualTo(
                        json.readTree("{\"city\":\"city-value\",\"days\":1,\"units\":\"celsius\",\"detailed\":true}"));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void toolChoiceThenOnlyTheNamedToolIsCalledEvenIfOthersAreMentioned() {
        ConverseResponse response = client.converse(request(b -> b.messages(user(text("weather and time")))
                        .toolConfig(ToolConfiguration.builder()
                                .tools(weatherTool(), timeTool())
                                .toolChoice(ToolChoice.fromTool(tool -> tool.name("time")))
                                .build())))
                .join();

        List<ContentBlock> content = response.output().message().content();
        assertThat(content).hasSize(2);
        assertThat(content.get(0).text()).isEqualTo("Calling time.");
        assertThat(content.get(1).toolUse().name()).isEqualTo("time");
    }

    @Test
    void toolResultsInTheLastUserMessageThenTheReplyQuotesEachResultByIdInOrder() {
        ConverseResponse response = client.converse(request(b -> b.toolConfig(tools(weatherTool(), timeTool()))
                        .messages(
                                user(text("weather and time")),
                                assistant(
                                        text("Calling weather, time."),
                                        toolUse("tooluse_a", "weather"),
                                        toolUse("tooluse_b", "time")),
                                user(
                                        toolResult("tooluse_a", ToolResultContentBlock.fromText("Sunny")),
                                        toolResult(
                                                "tooluse_b",
                                                ToolResultContentBlock.fromJson(Document.mapBuilder()
                                                        .putString("now", "12:00")
                                                        .build()))))))
                .join();

        assertThat(response.output().message().content())
                .singleElement()
                .extracting(ContentBlock::text)
                .isEqualTo("Simulated reply to tool results: tooluse_a=Sunny; tooluse_b={\"now\":\"12:00\"}");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void toolBlocksWithoutToolConfigThenBedrockValidationFails() {
        assertThat(validationMessage(request(b -> b.messages(
                        user(text("weather")),
                        assistant(toolUse("tooluse_a", "weather")),
                        user(toolResult("tooluse_a", ToolResultContentBlock.fromText("Sunny")))))))
                .isEqualTo("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
    }

    @Test
    void toolUsesWithoutResultsInTheNextMessageThenBedrockNamesTheMissingIds() {
        assertThat(validationMessage(request(b -> b.toolConfig(tools(weatherTool(), timeTool()))
                        .messages(
                                user(text("weather and time")),
                                assistant(toolUse("tooluse_a", "weather"), toolUse("tooluse_b", "time")),
                                user(text("never mind"))))))
                .isEqualTo("Expected toolResult blocks at messages.2.content for the following Ids:"
                        + " tooluse_a, tooluse_b");
    }

    @Test
    void aResultForAnIdThePreviousTurnDidNotUseThenBedrockNamesTheUnexpectedId() {
        assertThat(validationMessage(request(b -> b.toolConfig(tools(weatherTool()))
                        .messages(
                                user(text("weather")),
                                assistant(toolUse("tooluse_a", "weather")),
                                user(
                                        text("here"),
                                        toolResult("tooluse_z", ToolResultContentBlock.fromText("Sunny")))))))
                .isEqualTo("messages.2.content.1.toolResult.toolUseId: unexpected tool use id tooluse_z. Each"
                        + " toolResult block must have a corresponding toolUse block in the previous turn.");
    }

    @Test
    void moreResultsThanThePreviousTurnUsedThenBedrockSaysTheyExceedTheToolUses() {
        assertThat(validationMessage(request(b -> b.toolConfig(tools(weatherTool()))
                        .messages(user(toolResult("tooluse_a", ToolResultContentBlock.fromText("Sunny")))))))
                .isEqualTo("The number of toolResult blocks at messages.0.content exceeds the number of toolUse"
                        + " blocks of previous turn.");
    }

    @Test
    void toolChoiceNamingAnUndefinedToolThenBedrockValidationFails() {
        assertThat(validationMessage(request(b -> b.messages(user(text("Hi")))
                        .toolConfig(ToolConfiguration.builder()
                                .tools(weatherTool())
                                .toolChoice(ToolChoice.fromTool(tool -> tool.name("time")))
                                .build()))))
                .isEqualTo("The tool time in toolConfig.toolChoice.tool isn't defined in toolConfig.tools. Define the"
                        + " tool or choose another tool and try again.");
    }

    @Test
    void aToolNameWithASpaceThenTheNamePatternIsReported() {
        assertThat(validationMessage(request(b -> b.messages(user(text("Hi")))
                        .toolConfig(tools(SimulatorRequests.tool(
                                "get weather",
                                "Weather",
                                Document.mapBuilder()
                                        .putString("type", "object")
                                        .build()))))))
                .isEqualTo("1 validation error detected: Value 'get weather' at"
                        + " 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [a-zA-Z0-9_-]+");
    }

    @Test
    void aToolUseIdWithInvalidCharactersThenTheIdPatternIsReported() {
        assertThat(validationMessage(request(b -> b.toolConfig(tools(weatherTool()))
                        .messages(
                                user(text("weather")),
                                assistant(toolUse("tool use!", "weather")),
                                user(toolResult("tool use!", ToolResultContentBlock.fromText("Sunny")))))))
                .isEqualTo("1 validation error detected: Value 'tool use!' at"
                        + " 'messages.2.member.content.1.member.toolUse.toolUseId' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+");
    }

    @Test
    void anInputSchemaThatIsNotAnObjectThenBedrockValidationFails() {
        assertThat(validationMessage(request(b -> b.messages(user(text("Hi")))
                        .toolConfig(tools(SimulatorRequests.tool(
                                "lookup",
                                "Look up",
                                Document.mapBuilder().putString("type", "array").build()))))))
                .isEqualTo("The value at toolConfig.tools.0.toolSpec.inputSchema.json.type must be one of the"
                        + " following: object.");
    }

    @Test
    void aJsonToolResultThatIsNotAnObjectThenBedrockAsksForAJsonObject() {
        assertThat(validationMessage(request(b -> b.toolConfig(tools(weatherTool()))
                        .messages(
                                user(text("weather")),
                                assistant(toolUse("tooluse_a", "weather")),
                                user(toolResult(
                                        "tooluse_a", ToolResultContentBlock.fromJson(Document.fromString("Sunny"))))))))
                .isEqualTo("The format of the value at messages.2.content.0.toolResult.content.0.json is invalid."
                        + " Provide a json object for the field and try again.");
    }

    private String validationMessage(ConverseRequest request) {
        BedrockRuntimeException failure = failureOf(client.converse(request));
        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.statusCode()).isEqualTo(400);
        return failure.awsErrorDetails().errorMessage();
    }
}
