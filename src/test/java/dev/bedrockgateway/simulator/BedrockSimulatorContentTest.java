package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.SimulatorRequests.MODEL;
import static dev.bedrockgateway.simulator.SimulatorRequests.assistant;
import static dev.bedrockgateway.simulator.SimulatorRequests.pngImage;
import static dev.bedrockgateway.simulator.SimulatorRequests.request;
import static dev.bedrockgateway.simulator.SimulatorRequests.text;
import static dev.bedrockgateway.simulator.SimulatorRequests.thinking;
import static dev.bedrockgateway.simulator.SimulatorRequests.tools;
import static dev.bedrockgateway.simulator.SimulatorRequests.user;
import static dev.bedrockgateway.simulator.SimulatorRequests.weatherTool;
import static dev.bedrockgateway.simulator.SimulatorSdkClient.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Images and documents, extended thinking, prompt caching and output-less guardrail answers, through the SDK. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorContentTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    private static final String BASE64 = "[A-Za-z0-9+/]+=*";

    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorContentTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void anImageAndADocumentInAUserMessageThenTheyAreAcceptedAndCountAHundredTokensEach() {
        ContentBlock document = ContentBlock.fromDocument(d ->
                d.format(DocumentFormat.TXT).name("notes").source(s -> s.bytes(SdkBytes.fromUtf8String("some notes"))));

        ConverseResponse response = client.converse(
                        request(b -> b.messages(user(text("Describe these two"), pngImage(PNG), document))))
                .join();

        assertThat(response.output().message().content().get(0).text())
                .isEqualTo("Simulated reply to: Describe these two");
        assertThat(response.usage().inputTokens()).isEqualTo(3 + 2 * TokenCounter.MEDIA_TOKENS);
        JsonNode image = JsonMapper.builder()
                .build()
                .readTree(simulator.lastReceived().body())
                .at("/messages/0/content/1/image");
        assertThat(image.path("format").asString()).isEqualTo("png");
        assertThat(Base64.getDecoder().decode(image.at("/source/bytes").asString()))
                .isEqualTo(PNG);
    }

    @Test
    void anImageInAnAssistantMessageThenBedrockValidationFails() {
        BedrockRuntimeException failure = failureOf(client.converse(
                request(b -> b.messages(user(text("Draw")), assistant(pngImage(PNG)), user(text("Thanks"))))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("The image block at messages.1.content.0 is"
                        + " in an assistant message, but images and documents are only allowed in user messages. Move the"
                        + " block to a user message and try again.");
    }

    @Test
    void thinkingEnabledThenAReasoningBlockWithASignatureComesBeforeTheTextAndCountsAsOutput() {
        ConverseRequest request = request(b -> b.messages(user(text("Why is the sky blue?")))
                .additionalModelRequestFields(thinking(2048))
                .inferenceConfig(c -> c.maxTokens(4096)));

        ConverseResponse response = client.converse(request).join();

        List<ContentBlock> content = response.output().message().content();
        assertThat(content).hasSize(2);
        ReasoningTextBlock reasoning = content.get(0).reasoningContent().reasoningText();
        assertThat(reasoning.text()).isEqualTo("Simulated reasoning about: Why is the sky blue?");
        assertThat(reasoning.signature()).matches(BASE64);
        assertThat(content.get(1).text()).isEqualTo("Simulated reply to: Why is the sky blue?");
        assertThat(response.usage().outputTokens()).isEqualTo(8 + 8);
        // Deterministic: the same question signs the same way, another question differently.
        assertThat(client.converse(request)
                        .join()
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .reasoningContent()
                        .reasoningText()
                        .signature())
                .isEqualTo(reasoning.signature());
        assertThat(client.converse(request(b -> b.messages(user(text("Why is grass green?")))
                                .additionalModelRequestFields(thinking(2048))))
                        .join()
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .reasoningContent()
                        .reasoningText()
                        .signature())
                .isNotEqualTo(reasoning.signature());
    }

    @Test
    void thinkingWithABudgetBelow1024ThenAnthropicsErrorComesBackThroughBedrock() {
        BedrockRuntimeException failure = failureOf(client.converse(
                request(b -> b.messages(user(text("Hi"))).additionalModelRequestFields(thinking(1000)))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .isEqualTo("The model returned the following errors:"
                        + " thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    }

    @Test
    void thinkingWithMaxTokensNotAboveTheBudgetThenAnthropicsErrorComesBackThroughBedrock() {
        BedrockRuntimeException failure = failureOf(client.converse(request(b -> b.messages(user(text("Hi")))
                .additionalModelRequestFields(thinking(2048))
                .inferenceConfig(c -> c.maxTokens(2048)))));

        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(failure.awsErrorDetails().errorMessage())
                .startsWith("The model returned the following errors:"
                        + " `max_tokens` must be greater than `thinking.budget_tokens`.");
    }

    @Test
    void thinkingForANonAnthropicModelThenTheFieldIsIgnoredLikeAnyUninterpretedField() {
        ConverseResponse response = client.converse(b -> b.modelId("amazon.nova-lite-v1:0")
                        .messages(user(text("Hi")))
                        .additionalModelRequestFields(thinking(1000)))
                .join();

        assertThat(response.output().message().content())
                .singleElement()
                .extracting(ContentBlock::text)
                .isEqualTo("Simulated reply to: Hi");
    }

    @Test
    void aSystemCachePointThenTheFirstCallWritesThePrefixAndLaterCallsReadIt() {
        ConverseRequest first = cachedSystemRequest("Hello there");
        ConverseRequest later = cachedSystemRequest("Something else entirely");

        ConverseResponse written = client.converse(first).join();
        ConverseResponse read = client.converse(later).join();

        // The system text before the cache point has 5 words; only the user words stay in inputTokens.
        assertThat(written.usage().cacheWriteInputTokens()).isEqualTo(5);
        assertThat(written.usage().cacheReadInputTokens()).isZero();
        assertThat(written.usage().inputTokens()).isEqualTo(2);
        assertThat(read.usage().cacheReadInputTokens()).isEqualTo(5);
        assertThat(read.usage().cacheWriteInputTokens()).isZero();
        assertThat(read.usage().inputTokens()).isEqualTo(3);
        assertThat(read.usage().totalTokens()).isEqualTo(3 + read.usage().outputTokens());
    }

    @Test
    void aCachedPrefixAfterResetThenItIsWrittenAgain() {
        client.converse(cachedSystemRequest("Hello there")).join();
        simulator.reset();

        ConverseResponse response =
                client.converse(cachedSystemRequest("Hello there")).join();

        assertThat(response.usage().cacheWriteInputTokens()).isEqualTo(5);
        assertThat(response.usage().cacheReadInputTokens()).isZero();
    }

    @Test
    void aCachePointAfterTheToolsThenSystemTextAndToolNamesAndDescriptionsAreCached() {
        ConverseResponse response = client.converse(request(b -> b.system(SystemContentBlock.fromText("Be brief"))
                        .toolConfig(tools(weatherTool(), Tool.fromCachePoint(c -> c.type("default"))))
                        .messages(user(text("Hello there")))))
                .join();

        // "Be brief" (2) + "weather" (1) + "Get the weather" (3).
        assertThat(response.usage().cacheWriteInputTokens()).isEqualTo(6);
        assertThat(response.usage().inputTokens()).isEqualTo(2);
    }

    @Test
    void noCachePointThenTheCacheFieldsAreAbsent() {
        ConverseResponse response = client.converse(request(b -> b.messages(user(text("Hello there")))))
                .join();

        assertThat(response.usage().cacheReadInputTokens()).isNull();
        assertThat(response.usage().cacheWriteInputTokens()).isNull();
        assertThat(response.usage().inputTokens()).isEqualTo(2);
    }

    @Test
    void answerWithoutOutputThenConverseHasNoOutputAndStopsForTheGuardrailUntilReset() {
        simulator.answerWithoutOutput(MODEL);

        ConverseResponse response = client.converse(request(b -> b.messages(user(text("Something bad")))))
                .join();

        assertThat(response.output()).isNull();
        assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(response.usage().inputTokens()).isEqualTo(2);
        assertThat(response.usage().outputTokens()).isZero();
        assertThat(response.metrics().latencyMs()).isNotNegative();
        assertThat(client.converse(b -> b.modelId("amazon.nova-lite-v1:0").messages(user(text("Hi"))))
                        .join()
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .text())
                .isEqualTo("Simulated reply to: Hi");

        simulator.reset();
        assertThat(client.converse(request(b -> b.messages(user(text("Hi")))))
                        .join()
                        .output())
                .isNotNull();
    }

    private static ConverseRequest cachedSystemRequest(String userText) {
        return request(b -> b.system(
                        SystemContentBlock.fromText("You are a helpful assistant"),
                        SystemContentBlock.fromCachePoint(c -> c.type("default")))
                .messages(user(text(userText))));
    }
}
