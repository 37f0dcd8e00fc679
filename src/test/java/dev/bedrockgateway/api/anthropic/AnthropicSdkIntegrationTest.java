package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The official Anthropic Java SDK against {@code /v1/messages}, with only its base URL changed. */
@GatewayIntegrationTest
class AnthropicSdkIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HAIKU = "claude-haiku-4-5";
    /** The demo tenant's US inference profile, where routing sends {@value #HAIKU}. */
    private static final String HAIKU_PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

    private static final String NOVA = "us.amazon.nova-lite-v1:0";

    private static final Tool WEATHER = Tool.builder()
            .name("get_weather")
            .description("Weather for a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(Tool.InputSchema.Properties.builder()
                            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                            .build())
                    .addRequired("city")
                    .build())
            .build();

    @AutoClose("close")
    private static AnthropicClient claude;

    /** Sends the key as Claude Code does with ANTHROPIC_AUTH_TOKEN: {@code Authorization: Bearer}. */
    @AutoClose("close")
    private static AnthropicClient bearer;

    @AutoClose("close")
    private static AnthropicClient wrongApiKey;

    @AutoClose("close")
    private static AnthropicClient wrongAuthToken;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    GatewayClient gateway;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        claude = client(gateway, builder -> builder.apiKey(GatewayClient.DEMO_KEY));
        bearer = client(gateway, builder -> builder.authToken(GatewayClient.DEMO_KEY));
        wrongApiKey = client(gateway, builder -> builder.apiKey("wrong-key"));
        wrongAuthToken = client(gateway, builder -> builder.authToken("wrong-key"));
    }

    private static AnthropicClient client(GatewayClient gateway, Consumer<AnthropicOkHttpClient.Builder> auth) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUri().toString())
                .maxRetries(0);
        auth.accept(builder);
        return builder.build();
    }

    private static MessageCreateParams.Builder haiku(String text) {
        return MessageCreateParams.builder().model(HAIKU).maxTokens(256).addUserMessage(text);
    }

    @Test
    void aClaudeMessageByAnthropicNameGoesToInvokeModelUnderTheTenantsProfile() {
        Message message = claude.messages()
                .create(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(256)
                        .addUserMessage("Hello Claude")
                        .build());

        assertThat(message.content().get(0).asText().text()).contains("Hello Claude");
        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModel");
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us.anthropic.claude-haiku-4-5-20251001-v1:0");
        JsonNode sent = JSON.readTree(simulator.lastReceived().body());
        assertThat(sent.has("model")).isFalse();
        assertThat(sent.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(message.usage().inputTokens()).isPositive();
    }

    @Test
    void aStreamedClaudeMessageArrivesAsAnthropicsEventsInOrder() {
        List<String> types;
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(256)
                        .addUserMessage("Stream to me")
                        .build())) {
            types = stream.stream().map(AnthropicSdkIntegrationTest::type).toList();
        }

        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
        assertThat(types).contains("content_block_delta");
    }

    @Test
    void aNovaMessageGoesThroughConverseAndComesBackAsAnAnthropicMessage() {
        Message message = claude.messages()
                .create(MessageCreateParams.builder()
                        .model("us.amazon.nova-lite-v1:0")
                        .maxTokens(256)
                        .addUserMessage("Hello Nova")
                        .build());

        assertThat(message.content().get(0).asText().text()).contains("Hello Nova");
        assertThat(simulator.lastReceived().operationName()).isEqualTo("Converse");
    }

    @Test
    void aToolUseAndItsResultMakeARoundTripThroughTheSdk() {
        String question = "What is the weather in Paris? use get_weather";

        Message first =
                claude.messages().create(haiku(question).addTool(WEATHER).build());

        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = first.content().stream()
                .filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool_use block in " + first.content()));
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).containsKey("city");

        Message second = claude.messages()
                .create(MessageCreateParams.builder()
                        .model(HAIKU)
                        .maxTokens(256)
                        .addTool(WEATHER)
                        .addUserMessage(question)
                        .addMessage(first)
                        .addUserMessageOfContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(toolUse.id())
                                        .content("18 C and sunny")
                                        .build())))
                        .build());

        assertThat(second.stopReason()).contains(StopReason.END_TURN);
        assertThat(second.content().get(0).asText().text())
                .contains(toolUse.id())
                .contains("18 C and sunny");
        JsonNode sent = JSON.readTree(simulator.lastReceived().body());
        assertThat(sent.at("/messages/1/content").toString()).contains(toolUse.id());
        assertThat(sent.at("/messages/2/content/0/tool_use_id").asString()).isEqualTo(toolUse.id());
    }

    @Test
    void aSignedThinkingBlockComesBackAndIsAcceptedByteForByteInTheNextTurn() {
        String question = "Why is the sky blue?";

        Message first = claude.messages()
                .create(haiku(question).maxTokens(2000).enabledThinking(1024).build());

        ThinkingBlock thinking = first.content().get(0).asThinking();
        assertThat(thinking.thinking()).isNotBlank();
        assertThat(thinking.signature()).isNotBlank();

        // The simulator refuses a thinking block whose text or signature differs from what it gave.
        Message second = claude.messages()
                .create(MessageCreateParams.builder()
                        .model(HAIKU)
                        .maxTokens(2000)
                        .enabledThinking(1024)
                        .addUserMessage(question)
                        .addMessage(first)
                        .addUserMessage("And at sunset?")
                        .build());

        assertThat(second.stopReason()).contains(StopReason.END_TURN);
        assertThat(second.content().stream().filter(ContentBlock::isText).findFirst())
                .hasValueSatisfying(text -> assertThat(text.asText().text()).contains("And at sunset?"));
        JsonNode sentBack = JSON.readTree(simulator.lastReceived().body()).at("/messages/1/content/0");
        assertThat(sentBack.path("type").asString()).isEqualTo("thinking");
        assertThat(sentBack.path("signature").asString()).isEqualTo(thinking.signature());
        assertThat(sentBack.path("thinking").asString()).isEqualTo(thinking.thinking());
    }

    @Test
    void aStreamedThinkingBlockArrivesAsThinkingDeltasAndItsSignatureAsASignatureDelta() {
        String question = "Why is the grass green?";
        String signature = claude.messages()
                .create(haiku(question).maxTokens(2000).enabledThinking(1024).build())
                .content()
                .get(0)
                .asThinking()
                .signature();

        List<RawContentBlockDelta> deltas = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages()
                .createStreaming(
                        haiku(question).maxTokens(2000).enabledThinking(1024).build())) {
            stream.stream()
                    .filter(RawMessageStreamEvent::isContentBlockDelta)
                    .forEach(event -> deltas.add(event.asContentBlockDelta().delta()));
        }

        StringBuilder thought = new StringBuilder();
        deltas.stream()
                .filter(RawContentBlockDelta::isThinking)
                .forEach(d -> thought.append(d.asThinking().thinking()));
        assertThat(thought.toString()).contains(question);
        assertThat(deltas.stream()
                        .filter(RawContentBlockDelta::isSignature)
                        .map(d -> d.asSignature().signature()))
                .containsExactly(signature);
        assertThat(deltas.get(0).isThinking()).as("thinking comes first").isTrue();
        assertThat(deltas.get(deltas.size() - 1).isText())
                .as("the text follows")
                .isTrue();
    }

    @Test
    void aCachedSystemPromptIsWrittenOnceAndReadOnTheNextCall() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(HAIKU)
                .maxTokens(256)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text("You are a terse assistant who answers questions about the weather in Europe.")
                        .cacheControl(CacheControlEphemeral.builder().build())
                        .build()))
                .addUserMessage("Is it raining?")
                .build();

        Usage first = claude.messages().create(params).usage();
        Usage second = claude.messages().create(params).usage();

        assertThat(first.cacheCreationInputTokens())
                .hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(first.cacheReadInputTokens()).contains(0L);
        assertThat(second.cacheReadInputTokens()).isEqualTo(first.cacheCreationInputTokens());
        assertThat(second.cacheCreationInputTokens()).contains(0L);
        assertThat(second.inputTokens()).isEqualTo(first.inputTokens());
        assertThat(JSON.readTree(simulator.lastReceived().body())
                        .at("/system/0/cache_control/type")
                        .asString())
                .isEqualTo("ephemeral");
    }

    @Test
    void theAnthropicBetaHeaderReachesBedrockAsTheBodysBetaListWithoutTheBetasBedrockRefuses() {
        Message message = claude.messages()
                .create(haiku("Hello with betas")
                        .putAdditionalHeader("anthropic-beta", "interleaved-thinking-2025-05-14,claude-code-20250219")
                        .build());

        assertThat(message.content()).isNotEmpty();
        JsonNode betas = JSON.readTree(simulator.lastReceived().body()).path("anthropic_beta");
        assertThat(betas.isArray()).as("anthropic_beta in %s", betas).isTrue();
        assertThat(betas.valueStream().map(JsonNode::asString)).containsExactly("interleaved-thinking-2025-05-14");
    }

    @Test
    void countTokensGoesToBedrocksCountTokensUnderTheBaseModelIdAndAgreesWithTheInvocation() {
        String text = "How many tokens are in this question about the weather?";
        String system = "Answer briefly.";

        long counted = claude.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(HAIKU)
                        .system(system)
                        .addUserMessage(text)
                        .build())
                .inputTokens();

        assertThat(simulator.lastReceived().operationName()).isEqualTo("CountTokens");
        assertThat(simulator.lastReceived().modelId()).isEqualTo(HAIKU_PROFILE.substring("us.".length()));
        Usage usage =
                claude.messages().create(haiku(text).system(system).build()).usage();
        assertThat(counted)
                .isPositive()
                .isEqualTo(usage.inputTokens()
                        + usage.cacheReadInputTokens().orElse(0L)
                        + usage.cacheCreationInputTokens().orElse(0L));
    }

    @Test
    void countTokensForAModelBedrockCannotCountIsABadRequestAndNothingReachesBedrock() {
        assertThatThrownBy(() -> claude.messages()
                        .countTokens(MessageCountTokensParams.builder()
                                .model(NOVA)
                                .addUserMessage("Count me")
                                .build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(anthropicError(e)).isEqualTo("invalid_request_error"));
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void anAnthropicNameTheGatewayDoesNotKnowIsNotFoundWithARequestId() {
        assertThatThrownBy(() -> claude.messages()
                        .create(MessageCreateParams.builder()
                                .model("claude-imaginary-9")
                                .maxTokens(256)
                                .addUserMessage("Hello?")
                                .build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(anthropicError(e)).isEqualTo("not_found_error");
                    assertThat(e.getMessage()).contains("claude-imaginary-9");
                    assertThat(e.headers().values("request-id"))
                            .singleElement()
                            .asString()
                            .isNotBlank();
                });
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void bedrockThrottlingReachesTheSdkAsARateLimitException() {
        simulator.failRequestsFor(HAIKU_PROFILE, SimulatorFault.throttling());

        assertThatThrownBy(() -> claude.messages().create(haiku("busy").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(anthropicError(e)).isEqualTo("rate_limit_error");
                    assertThat(e.headers().values("request-id"))
                            .singleElement()
                            .asString()
                            .isNotBlank();
                });
    }

    @Test
    void bedrockBeingUnavailableReachesTheSdkAsAnOverloadedExceptionWithStatus529() {
        simulator.failRequestsFor(HAIKU_PROFILE, SimulatorFault.serviceUnavailable("Bedrock is unavailable."));

        assertThatThrownBy(() -> claude.messages().create(haiku("anyone there?").build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(anthropicError(e)).isEqualTo("overloaded_error");
                    assertThat(e.headers().values("request-id"))
                            .singleElement()
                            .asString()
                            .isNotBlank();
                });
    }

    @Test
    void bedrockDenyingAccessToTheModelReachesTheSdkAsAPermissionDeniedException() {
        simulator.failRequestsFor(
                HAIKU_PROFILE,
                SimulatorFault.accessDenied("You don't have access to the model with the specified model ID."));

        assertThatThrownBy(() -> claude.messages().create(haiku("let me in").build()))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(anthropicError(e)).isEqualTo("permission_error");
                    assertThat(e.headers().values("request-id"))
                            .singleElement()
                            .asString()
                            .isNotBlank();
                });
    }

    /**
     * A client of its own: the gateway ends the connection after a failed stream, as Bedrock does, and OkHttp checks
     * a pooled connection only after 10 s idle, so a shared client without retries could pick it up next.
     */
    @Test
    void aFailureMidStreamReachesTheSdkAsAnErrorEventAfterTheEventsBeforeIt() {
        simulator.failStreamsFor(HAIKU_PROFILE, 1, SimulatorFault.modelStreamError("The model stopped."));
        List<String> seen = new ArrayList<>();
        AnthropicClient own = client(gateway, builder -> builder.apiKey(GatewayClient.DEMO_KEY));

        assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream = own.messages()
                            .createStreaming(haiku("cut this short please").build())) {
                        stream.stream().forEach(event -> seen.add(type(event)));
                    }
                })
                .isInstanceOfSatisfying(
                        SseException.class, e -> assertThat(anthropicError(e)).isEqualTo("api_error"));
        assertThat(seen)
                .startsWith("message_start")
                .contains("content_block_delta")
                .doesNotContain("message_stop");
        own.close();
    }

    @Test
    void aWrongKeyIsUnauthorizedWhetherSentAsApiKeyOrAsAuthToken() {
        for (AnthropicClient wrong : List.of(wrongApiKey, wrongAuthToken)) {
            assertThatThrownBy(() -> wrong.messages().create(haiku("Hello").build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(anthropicError(e)).isEqualTo("authentication_error");
                        assertThat(e.headers().values("request-id"))
                                .singleElement()
                                .asString()
                                .isNotBlank();
                    });
        }
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void theKeyAsAnAuthTokenWorksAsWellAsAsAnApiKey() {
        Message message = bearer.messages().create(haiku("Hello by bearer").build());

        assertThat(message.content().get(0).asText().text()).contains("Hello by bearer");
        assertThat(simulator.lastReceived().modelId()).isEqualTo(HAIKU_PROFILE);
    }

    @Test
    void aStreamedNovaMessageArrivesThroughConverseAsAnthropicsEventsInOrderWithUsage() {
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages()
                .createStreaming(MessageCreateParams.builder()
                        .model(NOVA)
                        .maxTokens(256)
                        .addUserMessage("Stream Nova to me")
                        .build())) {
            events = stream.stream().toList();
        }

        assertThat(simulator.lastReceived().operationName()).isEqualTo("ConverseStream");
        List<String> types =
                events.stream().map(AnthropicSdkIntegrationTest::type).toList();
        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("message_delta", "message_stop");
        assertThat(types.indexOf("content_block_start")).isPositive().isLessThan(types.indexOf("content_block_delta"));
        assertThat(types.lastIndexOf("content_block_stop")).isGreaterThan(types.lastIndexOf("content_block_delta"));
        // Converse reports usage only once it stops, so message_delta carries all of it.
        var delta = events.get(events.size() - 2).asMessageDelta();
        assertThat(delta.delta().stopReason()).contains(StopReason.END_TURN);
        assertThat(delta.usage().inputTokens())
                .hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(delta.usage().outputTokens()).isPositive();
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(RawMessageStreamEvent::isContentBlockDelta)
                .map(event -> event.asContentBlockDelta().delta())
                .filter(RawContentBlockDelta::isText)
                .forEach(d -> text.append(d.asText().text()));
        assertThat(text.toString()).contains("Stream Nova to me");
    }

    @Test
    void aMessagesCallIsTimedUnderTheAnthropicApiTag(@Autowired MeterRegistry meters) {
        long before = anthropicRequests(meters);

        claude.messages().create(haiku("time me").build());

        // Metrics are recorded once the answer is written, which the client may see first.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(anthropicRequests(meters)).isEqualTo(before + 1));
        assertThat(Search.in(meters)
                        .name("gateway.requests")
                        .tag("api", "anthropic")
                        .tag("model", HAIKU_PROFILE)
                        .tag("outcome", "success")
                        .tag("stream", "false")
                        .timer())
                .isNotNull();
    }

    private static long anthropicRequests(MeterRegistry meters) {
        return Search.in(meters)
                .name("gateway.requests")
                .tag("api", "anthropic")
                .tag("outcome", "success")
                .timers()
                .stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** The {@code error.type} of Anthropic's error body the SDK received. */
    private static String anthropicError(AnthropicServiceException e) {
        return JSON.readTree(JSON.writeValueAsString(e.body().convert(Object.class)))
                .path("error")
                .path("type")
                .asString();
    }

    private static String type(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        }
        if (event.isContentBlockStart()) {
            return "content_block_start";
        }
        if (event.isContentBlockDelta()) {
            return "content_block_delta";
        }
        if (event.isContentBlockStop()) {
            return "content_block_stop";
        }
        if (event.isMessageDelta()) {
            return "message_delta";
        }
        if (event.isMessageStop()) {
            return "message_stop";
        }
        throw new AssertionError("an event of no known type: " + event);
    }
}
