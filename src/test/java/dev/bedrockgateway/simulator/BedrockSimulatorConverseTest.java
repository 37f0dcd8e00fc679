package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the simulator's Converse happy paths and validation through the real AWS SDK client. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorConverseTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorConverseTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void converseWithTextThenTheReplyEchoesTheLastUserMessageWithUsageAndEndTurn() {
        ConverseResponse response = client.converse(request(
                        MODEL,
                        b -> b.system(SystemContentBlock.fromText("Be brief please"))
                                .messages(user("Hello there"), assistant("Hi!"), user("How are", "you today?"))))
                .join();

        assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(response.output().message().content())
                .singleElement()
                .extracting(ContentBlock::text)
                .isEqualTo("Simulated reply to: How are you today?");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        // 3 system words + 2 + 1 + 4 message words; the reply has 7 words.
        assertThat(response.usage().inputTokens()).isEqualTo(10);
        assertThat(response.usage().outputTokens()).isEqualTo(7);
        assertThat(response.usage().totalTokens()).isEqualTo(17);
        assertThat(response.metrics().latencyMs()).isNotNegative();
        assertThat(response.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void converseThenTheRecordingShowsOperationDecodedModelIdSigningScopeAndBody() {
        client.converse(request(MODEL, b -> b.messages(user("Hello")))).join();

        RecordedRequest recorded = simulator.lastReceived();
        assertThat(simulator.received()).containsExactly(recorded);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.operation()).isEqualTo("converse");
        assertThat(recorded.modelId()).isEqualTo(MODEL);
        assertThat(recorded.rawPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
        assertThat(recorded.signingAccessKeyId()).isEqualTo(SimulatorSdkClient.ACCESS_KEY_ID);
        assertThat(recorded.signingRegion()).isEqualTo("us-east-1");
        assertThat(recorded.header("X-Amz-Date")).isNotBlank();
        JsonNode body = JsonMapper.builder().build().readTree(recorded.body());
        assertThat(body.at("/messages/0/role").asString()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asString()).isEqualTo("Hello");
    }

    @Test
    void converseWhenModelIdIsAnArnThenTheSimulatorDecodesItFromOneSegment() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";

        ConverseResponse response =
                client.converse(request(arn, b -> b.messages(user("Hi")))).join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: Hi");
        RecordedRequest recorded = simulator.lastReceived();
        assertThat(recorded.modelId()).isEqualTo(arn);
        assertThat(recorded.rawPath()).contains("%2F").contains("%3A").endsWith("/converse");
    }

    @Test
    void converseWhenMaxTokensIsBelowTheReplyLengthThenTheReplyIsCutAndStopsForMaxTokens() {
        ConverseResponse response = client.converse(
                        request(MODEL, b -> b.messages(user("one two three")).inferenceConfig(c -> c.maxTokens(4))))
                .join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: one");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.usage().outputTokens()).isEqualTo(4);
    }

    @Test
    void converseWhenAStopSequenceOccursThenTheReplyEndsBeforeItAndStopsForStopSequence() {
        ConverseResponse response = client.converse(request(
                        MODEL,
                        b -> b.messages(user("alpha beta STOP gamma"))
                                .inferenceConfig(c -> c.stopSequences("gamma", "STOP"))))
                .join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply to: alpha beta");
        assertThat(response.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(response.usage().outputTokens()).isEqualTo(5);
    }

    @Test
    void converseWhenBothStopSequenceAndMaxTokensApplyThenMaxTokensIsAppliedLast() {
        ConverseResponse response = client.converse(request(
                        MODEL,
                        b -> b.messages(user("alpha beta STOP gamma"))
                                .inferenceConfig(c -> c.stopSequences("STOP").maxTokens(2))))
                .join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void converseWhenTheLastUserMessageHasNoTextThenTheReplyIsGeneric() {
        ConverseResponse response = client.converse(request(
                        "anthropic.claude-3-5-haiku-20241022-v1:0",
                        b -> b.messages(Message.builder()
                                .role(ConversationRole.USER)
                                .content(ContentBlock.fromCachePoint(c -> c.type("default")))
                                .build())))
                .join();

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Simulated reply.");
    }

    @Test
    void converseWithAdditionalResponseFieldPathsThenTheSimulatorEchoesThem() {
        ConverseResponse response = client.converse(request(
                        MODEL,
                        b -> b.messages(user("Hi")).additionalModelResponseFieldPaths("/stop_sequence", "/usage")))
                .join();

        assertThat(response.additionalModelResponseFields()
                        .asMap()
                        .get("requestedPaths")
                        .asList())
                .extracting(d -> d.asString())
                .containsExactly("/stop_sequence", "/usage");
    }

    @Test
    void converseWhenTheConversationStartsWithAssistantThenBedrockValidationFails() {
        var failure = failureOf(client.converse(request(MODEL, b -> b.messages(assistant("Hi"), user("Hello")))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("A conversation must start with a user "
                        + "message. Try again with a conversation that starts with a user message.");
        assertThat(simulator.received()).hasSize(1);
    }

    @Test
    void converseWhenTwoUserMessagesFollowEachOtherThenBedrockValidationFails() {
        var failure = failureOf(client.converse(request(MODEL, b -> b.messages(user("Hi"), user("Hello")))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .startsWith("A conversation must alternate between user and assistant roles.");
    }

    @Test
    void converseWhenATextBlockIsBlankThenBedrockValidationNamesItsPosition() {
        var failure = failureOf(client.converse(
                request(MODEL, b -> b.messages(user("Hi"), assistant("Ok"), user("Fine", "  ")))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("The text field in the ContentBlock "
                        + "object at messages.2.content.1 is blank. Add text to the text field, and try again.");
    }

    @Test
    void delayResponsesThenRepliesWaitAtLeastThatLongAndResetRemovesTheDelay() {
        Duration delay = Duration.ofMillis(400);
        simulator.delayResponses(delay);

        long start = System.nanoTime();
        client.converse(request(MODEL, b -> b.messages(user("Hi")))).join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);

        // A delay far beyond the wait below: the call can only finish in time if reset() removed it.
        simulator.delayResponses(Duration.ofMinutes(1));
        simulator.reset();
        assertThat(client.converse(request(MODEL, b -> b.messages(user("Hi"))))).succeedsWithin(Duration.ofSeconds(10));
    }

    private static ConverseRequest request(String modelId, Consumer<ConverseRequest.Builder> customizer) {
        ConverseRequest.Builder builder = ConverseRequest.builder().modelId(modelId);
        customizer.accept(builder);
        return builder.build();
    }

    static Message user(String... texts) {
        return message(ConversationRole.USER, texts);
    }

    static Message assistant(String... texts) {
        return message(ConversationRole.ASSISTANT, texts);
    }

    private static Message message(ConversationRole role, String... texts) {
        List<ContentBlock> blocks =
                Arrays.stream(texts).map(ContentBlock::fromText).toList();
        return Message.builder().role(role).content(blocks).build();
    }
}
