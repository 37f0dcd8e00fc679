package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseMetrics;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import tools.jackson.databind.json.JsonMapper;

/** Core request to SDK {@link ConverseRequest}, and SDK {@link ConverseResponse} to core response. */
class ConverseMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final List<Message> TURNS = List.of(
            new Message(Role.USER, List.of(ContentBlock.text("Hi"), ContentBlock.text("there"))),
            new Message(Role.ASSISTANT, List.of(ContentBlock.text("Hello"))),
            new Message(Role.USER, List.of(ContentBlock.text("Bye"))));

    private static ChatRequest request(List<SystemBlock> system, InferenceConfig config) {
        return new ChatRequest("bedrock/" + MODEL, TURNS, system, null, config, null, List.of(), Map.of(), null, null);
    }

    @Test
    void toSdkWhenTheRequestIsMinimalThenOnlyModelAndMessagesAreSet() {
        ConverseRequest sdk = ConverseRequestMapper.toSdk(MODEL, request(List.of(), null));

        assertThat(sdk.modelId()).isEqualTo(MODEL);
        assertThat(sdk.hasMessages()).isTrue();
        assertThat(sdk.hasSystem()).isFalse();
        assertThat(sdk.inferenceConfig()).isNull();
        assertThat(sdk.additionalModelRequestFields()).isNull();
        assertThat(sdk.hasAdditionalModelResponseFieldPaths()).isFalse();
        assertThat(sdk.hasRequestMetadata()).isFalse();
    }

    @Test
    void toSdkWhenTheInferenceConfigHasNoSettingThenItIsLeftOut() {
        ConverseRequest sdk =
                ConverseRequestMapper.toSdk(MODEL, request(List.of(), new InferenceConfig(null, null, null, null)));

        assertThat(sdk.inferenceConfig()).isNull();
    }

    @Test
    void toSdkWhenMessagesHaveRolesThenTheyKeepOrderRolesAndBlocks() {
        ConverseRequest sdk = ConverseRequestMapper.toSdk(MODEL, request(List.of(), null));

        assertThat(sdk.messages())
                .extracting(software.amazon.awssdk.services.bedrockruntime.model.Message::role)
                .containsExactly(ConversationRole.USER, ConversationRole.ASSISTANT, ConversationRole.USER);
        assertThat(sdk.messages().get(0).content())
                .extracting(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock::text)
                .containsExactly("Hi", "there");
        assertThat(sdk.messages().get(2).content().get(0).text()).isEqualTo("Bye");
    }

    @Test
    void toSdkWhenSystemAndSamplingAreSetThenTheyAreMappedWithFloatPrecision() {
        ConverseRequest sdk = ConverseRequestMapper.toSdk(
                MODEL,
                request(
                        List.of(SystemBlock.text("Be brief."), SystemBlock.text("Be kind.")),
                        new InferenceConfig(256, 0.7, 0.95, List.of("END", "\n\n"))));

        assertThat(sdk.system()).extracting(block -> block.text()).containsExactly("Be brief.", "Be kind.");
        assertThat(sdk.inferenceConfig().maxTokens()).isEqualTo(256);
        assertThat(sdk.inferenceConfig().temperature()).isEqualTo(0.7f);
        assertThat(sdk.inferenceConfig().topP()).isEqualTo(0.95f);
        assertThat(sdk.inferenceConfig().stopSequences()).containsExactly("END", "\n\n");
    }

    @Test
    void toSdkWhenOnlySomeSamplingFieldsAreSetThenTheOthersStayUnset() {
        ConverseRequest sdk =
                ConverseRequestMapper.toSdk(MODEL, request(List.of(), new InferenceConfig(null, 0.0, null, null)));

        assertThat(sdk.inferenceConfig().temperature()).isEqualTo(0.0f);
        assertThat(sdk.inferenceConfig().maxTokens()).isNull();
        assertThat(sdk.inferenceConfig().topP()).isNull();
        assertThat(sdk.inferenceConfig().hasStopSequences()).isFalse();
    }

    @Test
    void toSdkWhenModelSpecificFieldsArePresentThenTheyTravelAsADocumentWithPathsAndMetadata() {
        ChatRequest request = new ChatRequest(
                MODEL,
                TURNS,
                List.of(),
                null,
                null,
                JSON.readTree("{\"top_k\":250,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"r\":0.5}"),
                List.of("/stop_sequence"),
                Map.of("tenant", "acme"),
                null,
                null);

        ConverseRequest sdk = ConverseRequestMapper.toSdk(MODEL, request);

        Document fields = sdk.additionalModelRequestFields();
        assertThat(fields.isMap()).isTrue();
        assertThat(fields.asMap().get("top_k").asNumber().intValue()).isEqualTo(250);
        assertThat(fields.asMap().get("thinking").asMap().get("type").asString())
                .isEqualTo("enabled");
        assertThat(fields.asMap()
                        .get("thinking")
                        .asMap()
                        .get("budget_tokens")
                        .asNumber()
                        .intValue())
                .isEqualTo(1024);
        assertThat(fields.asMap().get("r").asNumber().doubleValue()).isEqualTo(0.5);
        assertThat(sdk.additionalModelResponseFieldPaths()).containsExactly("/stop_sequence");
        assertThat(sdk.requestMetadata()).containsExactly(Map.entry("tenant", "acme"));
    }

    @Test
    void fromSdkWhenBedrockAnswersInFullThenEveryFieldIsMapped() {
        ConverseResponse sdk = ConverseResponse.builder()
                .output(ConverseOutput.fromMessage(
                        software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                                .role(ConversationRole.ASSISTANT)
                                .content(
                                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(
                                                "Hello, "),
                                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock
                                                .fromReasoningContent(ReasoningContentBlock.fromReasoningText(
                                                ReasoningTextBlock.builder()
                                                        .text("thinking...")
                                                        .build())),
                                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(
                                                "world."))
                                .build()))
                .stopReason(StopReason.MAX_TOKENS)
                .usage(u -> u.inputTokens(10).outputTokens(3).totalTokens(13).cacheReadInputTokens(8))
                .metrics(ConverseMetrics.builder().latencyMs(123L).build())
                .additionalModelResponseFields(Document.fromMap(Map.of("stop_sequence", Document.fromString("END"))))
                .build();

        ChatResponse response = ConverseResponseMapper.fromSdk(MODEL, sdk);

        assertThat(response.bedrockModelId()).isEqualTo(MODEL);
        assertThat(response.output().role()).isEqualTo(Role.ASSISTANT);
        assertThat(response.output().content())
                .containsExactly(
                        ContentBlock.text("Hello, "),
                        ContentBlock.reasoning(
                                new ReasoningBlock(new ReasoningBlock.ReasoningText("thinking...", null), null)),
                        ContentBlock.text("world."));
        assertThat(response.stopReason()).isEqualTo("max_tokens");
        assertThat(response.usage()).isEqualTo(new TokenUsage(10, 3, 13, 8, null));
        assertThat(response.latencyMs()).isEqualTo(123L);
        assertThat(response.additionalModelResponseFields()).isEqualTo(JSON.readTree("{\"stop_sequence\":\"END\"}"));
    }

    @Test
    void fromSdkWhenTheOutputHasNoMessageThenTheAnswerIsAnEmptyAssistantMessage() {
        ConverseResponse sdk = ConverseResponse.builder()
                .stopReason(StopReason.GUARDRAIL_INTERVENED)
                .usage(u -> u.inputTokens(5).outputTokens(0).totalTokens(5))
                .build();

        ChatResponse response = ConverseResponseMapper.fromSdk(MODEL, sdk);

        assertThat(response.output()).isEqualTo(new Message(Role.ASSISTANT, List.of()));
        assertThat(response.stopReason()).isEqualTo("guardrail_intervened");
        assertThat(response.latencyMs()).isZero();
        assertThat(response.additionalModelResponseFields()).isNull();
    }

    @Test
    void fromSdkWhenTheOutputUnionIsEmptyThenTheAnswerIsAnEmptyAssistantMessage() {
        ConverseResponse sdk = ConverseResponse.builder()
                .output(ConverseOutput.builder().build())
                .build();

        assertThat(ConverseResponseMapper.fromSdk(MODEL, sdk).output().content())
                .isEmpty();
    }

    @Test
    void fromSdkWhenUsageIsMissingThenEveryCountIsZero() {
        ChatResponse response =
                ConverseResponseMapper.fromSdk(MODEL, ConverseResponse.builder().build());

        assertThat(response.usage()).isEqualTo(new TokenUsage(0, 0, 0, null, null));
    }

    @Test
    void fromSdkWhenUsageFieldsAreNullThenTheyReadAsZero() {
        ChatResponse response = ConverseResponseMapper.fromSdk(
                MODEL, ConverseResponse.builder().usage(u -> u.outputTokens(4)).build());

        assertThat(response.usage()).isEqualTo(new TokenUsage(0, 4, 0, null, null));
    }

    @Test
    void fromSdkWhenTheStopReasonIsUnknownToTheSdkThenItIsKeptAsBedrockSentIt() {
        ConverseResponse sdk =
                ConverseResponse.builder().stopReason("brand_new_reason").build();

        ChatResponse response = ConverseResponseMapper.fromSdk(MODEL, sdk);

        assertThat(sdk.stopReason()).isEqualTo(StopReason.UNKNOWN_TO_SDK_VERSION);
        assertThat(response.stopReason()).isEqualTo("brand_new_reason");
    }

    @Test
    void fromSdkWhenTheStopReasonIsMissingThenItReadsAsEndTurn() {
        assertThat(ConverseResponseMapper.fromSdk(
                                MODEL, ConverseResponse.builder().build())
                        .stopReason())
                .isEqualTo("end_turn");
    }
}
