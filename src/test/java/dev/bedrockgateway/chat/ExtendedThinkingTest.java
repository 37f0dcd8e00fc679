package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** reasoning_effort turned into Anthropic extended thinking once the routed model is known. */
class ExtendedThinkingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SONNET_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0";

    private static ChatRequest request(
            @Nullable ReasoningEffort effort, @Nullable InferenceConfig config, @Nullable JsonNode fields) {
        return new ChatRequest(
                "bedrock/claude",
                List.of(new Message(Role.USER, List.of(ContentBlock.text("Why?")))),
                List.of(),
                null,
                config,
                fields,
                List.of(),
                Map.of(),
                effort,
                null);
    }

    private static InferenceConfig maxTokens(int maxTokens) {
        return new InferenceConfig(maxTokens, null, null, null);
    }

    private static JsonNode thinking(int budget) {
        return JSON.readTree("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "anthropic.claude-3-7-sonnet-20250219-v1:0",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "anthropic.claude-sonnet-4-20250514-v1:0",
                "us.anthropic.claude-sonnet-4-20250514-v1:0",
                "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-opus-4-1-20250805-v1:0",
                "us.anthropic.claude-opus-4-1-20250805-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0",
                "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0",
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0"
            })
    void applyWhenTheModelThinksThenTheEffortBecomesAThinkingBudget(String bedrockModelId) {
        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.MEDIUM, null, null),
                bedrockModelId,
                ChatFixtures.catalog().capabilities(bedrockModelId));

        assertThat(applied.additionalModelRequestFields()).isEqualTo(thinking(4_096));
        assertThat(applied.inferenceConfig()).isEqualTo(maxTokens(4_096 + 8_192));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"LOW, 1024", "MEDIUM, 4096", "HIGH, 16384"})
    void applyWhenNoLimitIsSetThenTheBudgetFollowsTheEffortAndMaxTokensLeavesRoomForTheAnswer(
            ReasoningEffort effort, int budget) {
        ChatRequest applied = ExtendedThinking.apply(
                request(effort, null, null), SONNET_4, ChatFixtures.catalog().capabilities(SONNET_4));

        assertThat(applied.additionalModelRequestFields()).isEqualTo(thinking(budget));
        assertThat(applied.inferenceConfig()).isEqualTo(maxTokens(budget + ExtendedThinking.DEFAULT_ANSWER_TOKENS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "amazon.nova-pro-v1:0",
                "us.amazon.nova-lite-v1:0",
                "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
                "anthropic.claude-3-5-haiku-20241022-v1:0",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "meta.llama3-70b-instruct-v1:0"
            })
    void applyWhenTheModelHasNoExtendedThinkingThenRefusesNamingTheModel(String bedrockModelId) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> ExtendedThinking.apply(
                        request(ReasoningEffort.LOW, null, null),
                        bedrockModelId,
                        ChatFixtures.catalog().capabilities(bedrockModelId)));

        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo("reasoning_effort");
        assertThat(error.getMessage())
                .contains("'bedrock/claude' routes to '" + bedrockModelId + "', which has none")
                .contains("Claude 3.7 Sonnet, Claude 4 or later");
    }

    @ParameterizedTest(name = "temperature {0}, top_p {1} -> {2}")
    @CsvSource({"0.5, , temperature", ", 0.9, top_p", "0.0, 0.9, temperature"})
    void applyWhenSamplingIsSetThenRefusesItBecauseThinkingRunsAtDefaults(
            Double temperature, Double topP, String param) {
        ChatRequest asked = request(ReasoningEffort.HIGH, new InferenceConfig(null, temperature, topP, null), null);

        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> ExtendedThinking.apply(
                        asked, SONNET_4, ChatFixtures.catalog().capabilities(SONNET_4)));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).startsWith("temperature and top_p cannot be combined with reasoning_effort");
    }

    @ParameterizedTest(name = "{0} with max {1} -> budget {2}, max {3}")
    @CsvSource({
        "HIGH,   20000, 16384, 20000",
        "HIGH,   16385, 16384, 16385",
        "HIGH,   16384,  8192, 16384",
        "HIGH,   10000,  5000, 10000",
        "MEDIUM,  4096,  2048,  4096",
        "MEDIUM,  2048,  1024,  2048",
        "LOW,     1025,  1024,  1025"
    })
    void applyWhenMaxTokensIsSetThenTheBudgetFitsUnderIt(ReasoningEffort effort, int asked, int budget, int max) {
        ChatRequest applied = ExtendedThinking.apply(
                request(effort, maxTokens(asked), null),
                SONNET_4,
                ChatFixtures.catalog().capabilities(SONNET_4));

        assertThat(applied.additionalModelRequestFields()).isEqualTo(thinking(budget));
        assertThat(applied.inferenceConfig()).isEqualTo(maxTokens(max));
        assertThat(budget).isLessThan(max);
    }

    @ParameterizedTest(name = "{0} with max {1}")
    @CsvSource({"MEDIUM, 2047", "HIGH, 2000", "LOW, 1024", "LOW, 1"})
    void applyWhenMaxTokensLeavesNoRoomToThinkThenRefusesIt(ReasoningEffort effort, int asked) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> ExtendedThinking.apply(
                        request(effort, maxTokens(asked), null),
                        SONNET_4,
                        ChatFixtures.catalog().capabilities(SONNET_4)));

        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo("max_completion_tokens");
        assertThat(error.getMessage())
                .isEqualTo("max_completion_tokens (or max_tokens) " + asked
                        + " leaves no room to think: reasoning_effort needs at least 2048");
    }

    @Test
    void applyWhenTheCallerSentAThinkingFieldThenItWinsAndOtherFieldsStay() {
        JsonNode fields = JSON.readTree("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000},\"top_k\":40}");
        String before = fields.toString();

        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.HIGH, null, fields),
                SONNET_4,
                ChatFixtures.catalog().capabilities(SONNET_4));

        assertThat(applied.additionalModelRequestFields()).isEqualTo(fields);
        assertThat(fields.toString()).isEqualTo(before);
        // Room above the caller's own budget, not the effort's: 16,384 + 8,192 would be the wrong limit here.
        assertThat(applied.inferenceConfig().maxTokens()).isEqualTo(3_000 + 8_192);
    }

    @Test
    void applyWhenOtherModelFieldsArePresentThenThinkingIsAddedToACopyBesideThem() {
        JsonNode fields = JSON.readTree("{\"top_k\":40}");

        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.LOW, null, fields),
                SONNET_4,
                ChatFixtures.catalog().capabilities(SONNET_4));

        assertThat(applied.additionalModelRequestFields())
                .isEqualTo(JSON.readTree("{\"top_k\":40,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}"));
        assertThat(fields).isEqualTo(JSON.readTree("{\"top_k\":40}"));
    }

    @Test
    void applyWhenStopSequencesAreSetThenTheyAreKept() {
        ChatRequest asked = request(ReasoningEffort.LOW, new InferenceConfig(null, null, null, List.of("END")), null);

        assertThat(ExtendedThinking.apply(
                                asked, SONNET_4, ChatFixtures.catalog().capabilities(SONNET_4))
                        .inferenceConfig())
                .isEqualTo(new InferenceConfig(1_024 + 8_192, null, null, List.of("END")));
    }

    @Test
    void applyWhenThinkingIsAddedThenModelMessagesAndEffortAreKept() {
        ChatRequest asked = request(ReasoningEffort.LOW, null, null);

        ChatRequest applied =
                ExtendedThinking.apply(asked, SONNET_4, ChatFixtures.catalog().capabilities(SONNET_4));

        assertThat(applied.modelId()).isEqualTo(asked.modelId());
        assertThat(applied.messages()).isEqualTo(asked.messages());
        assertThat(applied.reasoningEffort()).isEqualTo(ReasoningEffort.LOW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SONNET_4, "amazon.nova-pro-v1:0"})
    void applyWhenNoEffortWasAskedForThenTheRequestIsReturnedUnchanged(String bedrockModelId) {
        ChatRequest asked = request(null, new InferenceConfig(100, 0.7, 0.9, null), null);

        assertThat(ExtendedThinking.apply(
                        asked, bedrockModelId, ChatFixtures.catalog().capabilities(bedrockModelId)))
                .isSameAs(asked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"anthropic.claude-sonnet-5-5", "global.anthropic.claude-haiku-5-5", "us.anthropic.claude-opus-5"
            })
    void applyWhenTheModelThinksAdaptivelyThenTheEffortGoesToOutputConfigWithoutABudget(String bedrockModelId) {
        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.HIGH, null, null),
                bedrockModelId,
                ChatFixtures.catalog().capabilities(bedrockModelId));

        assertThat(applied.additionalModelRequestFields())
                .hasToString("{\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}}");
        assertThat(applied.inferenceConfig().maxTokens()).isNull();
    }

    @Test
    void applyWhenNova2ThinksThenTheEffortBecomesItsReasoningConfig() {
        String nova2 = "global.amazon.nova-2-lite-v1:0";

        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.LOW, null, null),
                nova2,
                ChatFixtures.catalog().capabilities(nova2));

        assertThat(applied.additionalModelRequestFields())
                .hasToString("{\"reasoningConfig\":{\"type\":\"enabled\",\"maxReasoningEffort\":\"low\"}}");
    }

    @Test
    void applyWhenGptOssAlwaysThinksThenTheEffortIsItsOwnReasoningEffortField() {
        String gptOss = "openai.gpt-oss-120b-1:0";

        ChatRequest applied = ExtendedThinking.apply(
                request(ReasoningEffort.MEDIUM, null, null),
                gptOss,
                ChatFixtures.catalog().capabilities(gptOss));

        assertThat(applied.additionalModelRequestFields()).hasToString("{\"reasoning_effort\":\"medium\"}");
    }

    @Test
    void applyWhenAModelAlwaysThinksWithoutASettingThenTheRequestIsSentAsItIs() {
        String r1 = "us.deepseek.r1-v1:0";
        ChatRequest asked = request(ReasoningEffort.HIGH, null, null);

        assertThat(ExtendedThinking.apply(asked, r1, ChatFixtures.catalog().capabilities(r1)))
                .isSameAs(asked);
    }
}
