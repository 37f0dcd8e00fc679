package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.SdkClients;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stock AWS SDK async client on the gateway's Bedrock wire ({@code converse} and {@code converse-stream}) with
 * tools, extended thinking, prompt caching, images and a guardrail that lets nothing out: streamed pieces add up
 * to exactly the non-streamed answer, and what the simulator received is what the SDK sent.
 */
@GatewayIntegrationTest
class ConverseToolStreamIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose
    private static BedrockRuntimeAsyncClient client;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = SdkClients.bedrockAsync(gateway);
    }

    @Test
    void converseStreamWhenAToolIsCalledThenTheInputPiecesAddUpToTheNonStreamedToolUseInput() throws Exception {
        String question = "Use get_weather for city=Porto days=5";
        ToolConfiguration tools = ToolConfiguration.builder()
                .tools(Tool.fromToolSpec(spec -> spec.name("get_weather")
                        .description("Weather forecast")
                        .inputSchema(schema -> schema.json(Document.mapBuilder()
                                .putString("type", "object")
                                .putDocument(
                                        "properties",
                                        Document.mapBuilder()
                                                .putDocument(
                                                        "city",
                                                        Document.mapBuilder()
                                                                .putString("type", "string")
                                                                .build())
                                                .putDocument(
                                                        "days",
                                                        Document.mapBuilder()
                                                                .putString("type", "integer")
                                                                .build())
                                                .build())
                                .build()))))
                .build();

        ConverseResponse whole = client.converse(ConverseRequest.builder()
                        .modelId(NOVA_LITE)
                        .messages(user(ContentBlock.fromText(question)))
                        .toolConfig(tools)
                        .build())
                .join();
        Collected streamed = stream(ConverseStreamRequest.builder()
                .modelId(NOVA_LITE)
                .messages(user(ContentBlock.fromText(question)))
                .toolConfig(tools)
                .build());

        assertThat(whole.stopReason()).isEqualTo(StopReason.TOOL_USE);
        ToolUseBlock toolUse = whole.output().message().content().get(1).toolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(tree(toolUse.input())).isEqualTo(JSON.readTree("{\"city\":\"Porto\",\"days\":5}"));
        assertThat(streamed.toolStarts).containsOnlyKeys(1).containsEntry(1, toolUse.toolUseId() + "/get_weather");
        String assembled = String.join("", streamed.toolInputs.get(1));
        assertThat(assembled).isEqualTo("{\"city\":\"Porto\",\"days\":5}");
        assertThat(JSON.readTree(assembled)).isEqualTo(tree(toolUse.input()));
        assertThat(streamed.toolInputs.get(1)).as("input arrives in pieces").hasSizeGreaterThan(1);
        assertThat(streamed.text)
                .hasToString(whole.output().message().content().get(0).text())
                .hasToString("Calling get_weather.");
        assertThat(streamed.stop.get().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(streamed.errors).isEmpty();
    }

    @Test
    void converseAndConverseStreamWhenThinkingIsEnabledThenReasoningComesBackWithTextAndSignature() throws Exception {
        String question = "Why is the sky blue?";
        String reasoning = "Simulated reasoning about: " + question;
        Document thinking = Document.mapBuilder()
                .putDocument(
                        "thinking",
                        Document.mapBuilder()
                                .putString("type", "enabled")
                                .putNumber("budget_tokens", 1024)
                                .build())
                .build();

        ConverseResponse whole = client.converse(ConverseRequest.builder()
                        .modelId(CLAUDE)
                        .messages(user(ContentBlock.fromText(question)))
                        .inferenceConfig(c -> c.maxTokens(2048))
                        .additionalModelRequestFields(thinking)
                        .build())
                .join();
        Collected streamed = stream(ConverseStreamRequest.builder()
                .modelId(CLAUDE)
                .messages(user(ContentBlock.fromText(question)))
                .inferenceConfig(c -> c.maxTokens(2048))
                .additionalModelRequestFields(thinking)
                .build());

        List<ContentBlock> content = whole.output().message().content();
        ReasoningTextBlock reasoningText = content.get(0).reasoningContent().reasoningText();
        assertThat(reasoningText.text()).isEqualTo(reasoning);
        assertThat(reasoningText.signature()).isEqualTo(simulatedSignature(reasoning));
        assertThat(content.get(1).text()).isEqualTo("Simulated reply to: " + question);
        assertThat(streamed.reasoning).hasToString(reasoning);
        assertThat(streamed.signature).hasToString(reasoningText.signature());
        assertThat(streamed.text).hasToString(content.get(1).text());
        assertThat(streamed.errors).isEmpty();

        // Converse callers send reasoning back untouched on the next turn, as Anthropic requires.
        ConverseResponse next = client.converse(ConverseRequest.builder()
                        .modelId(CLAUDE)
                        .messages(
                                user(ContentBlock.fromText(question)),
                                whole.output().message(),
                                user(ContentBlock.fromText("Thanks")))
                        .inferenceConfig(c -> c.maxTokens(2048))
                        .additionalModelRequestFields(thinking)
                        .build())
                .join();
        assertThat(next.output().message().content().get(1).text()).isEqualTo("Simulated reply to: Thanks");
        JsonNode sentBack = JSON.readTree(simulator.lastReceived().body())
                .path("messages")
                .get(1)
                .path("content")
                .get(0);
        assertThat(sentBack.path("reasoningContent")
                        .path("reasoningText")
                        .path("signature")
                        .asString())
                .isEqualTo(reasoningText.signature());
    }

    @Test
    void converseWhenTheSystemPromptHasACachePointThenTheFirstCallWritesTheCacheAndLaterCallsReadIt() throws Exception {
        String systemText = "You are a careful assistant who answers briefly";
        int systemTokens = systemText.split(" ").length;
        List<SystemContentBlock> system = List.of(
                SystemContentBlock.fromText(systemText),
                SystemContentBlock.fromCachePoint(point -> point.type(CachePointType.DEFAULT)));
        ConverseRequest request = ConverseRequest.builder()
                .modelId(CLAUDE)
                .system(system)
                .messages(user(ContentBlock.fromText("Hello cache")))
                .build();

        TokenUsage first = client.converse(request).join().usage();
        TokenUsage second = client.converse(request).join().usage();
        Collected third = stream(ConverseStreamRequest.builder()
                .modelId(CLAUDE)
                .system(system)
                .messages(user(ContentBlock.fromText("Hello cache")))
                .build());

        assertThat(first.cacheWriteInputTokens()).isEqualTo(systemTokens);
        assertThat(first.cacheReadInputTokens()).isZero();
        assertThat(first.inputTokens()).isEqualTo(2);
        assertThat(second.cacheReadInputTokens()).isEqualTo(systemTokens);
        assertThat(second.cacheWriteInputTokens()).isZero();
        assertThat(second.inputTokens()).isEqualTo(2);
        TokenUsage streamedUsage = third.metadata.get().usage();
        assertThat(streamedUsage.cacheReadInputTokens()).isEqualTo(systemTokens);
        assertThat(streamedUsage.cacheWriteInputTokens()).isZero();
        assertThat(JSON.readTree(simulator.lastReceived().body()).path("system").get(1))
                .isEqualTo(JSON.readTree("{\"cachePoint\":{\"type\":\"default\"}}"));
    }

    @Test
    void converseStreamWhenTheMessageHoldsAnImageThenBedrockReceivesTheSameBytes() throws Exception {
        byte[] png = tinyPng();
        String question = "What is in this picture?";

        Collected streamed = stream(ConverseStreamRequest.builder()
                .modelId(NOVA_LITE)
                .messages(user(
                        ContentBlock.fromImage(image -> image.format(ImageFormat.PNG)
                                .source(source -> source.bytes(SdkBytes.fromByteArray(png)))),
                        ContentBlock.fromText(question)))
                .build());

        assertThat(streamed.text).hasToString("Simulated reply to: " + question);
        assertThat(streamed.metadata.get().usage().inputTokens())
                .as("5 words and one image of 100")
                .isEqualTo(105);
        JsonNode image = JSON.readTree(simulator.lastReceived().body())
                .path("messages")
                .get(0)
                .path("content")
                .get(0)
                .path("image");
        assertThat(image.path("format").asString()).isEqualTo("png");
        assertThat(Base64.getDecoder().decode(image.path("source").path("bytes").asString()))
                .isEqualTo(png);
        assertThat(simulator.lastReceived().operation()).isEqualTo("converse-stream");
    }

    @Test
    void converseAndConverseStreamWhenAGuardrailLetsNothingOutThenTheSdkGetsGuardrailIntervenedAndNoContent()
            throws Exception {
        String guarded = "test.guarded-v1:0";
        simulator.answerWithoutOutput(guarded);

        ConverseResponse whole = client.converse(ConverseRequest.builder()
                        .modelId(guarded)
                        .messages(user(ContentBlock.fromText("Tell me a secret")))
                        .build())
                .join();
        Collected streamed = stream(ConverseStreamRequest.builder()
                .modelId(guarded)
                .messages(user(ContentBlock.fromText("Tell me a secret")))
                .build());

        assertThat(whole.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(whole.output() == null || whole.output().message().content().isEmpty())
                .as("no output content in %s", whole)
                .isTrue();
        assertThat(whole.usage().inputTokens()).isEqualTo(4);
        assertThat(whole.usage().outputTokens()).isZero();
        assertThat(streamed.events).containsExactly("messageStart", "messageStop", "metadata");
        assertThat(streamed.stop.get().stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(streamed.metadata.get().usage().outputTokens()).isZero();
        assertThat(streamed.errors).isEmpty();
    }

    private static Message user(ContentBlock... content) {
        return Message.builder().role(ConversationRole.USER).content(content).build();
    }

    private static Collected stream(ConverseStreamRequest request) throws Exception {
        Collected collected = new Collected();
        client.converseStream(request, collected.handler()).get(10, TimeUnit.SECONDS);
        return collected;
    }

    /** The simulator's signature rule: base64 of SHA-256 over "simulated-signature:" and the reasoning text. */
    private static String simulatedSignature(String reasoning) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(("simulated-signature:" + reasoning).getBytes(StandardCharsets.UTF_8)));
    }

    /** A real 2x2 PNG, encoded by the JDK. */
    private static byte[] tinyPng() throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x3366ff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }

    /** An SDK document as a JSON tree, numbers read back from their text so 5 equals 5. */
    private static JsonNode tree(Document document) {
        if (document.isMap()) {
            ObjectNode object = JSON.createObjectNode();
            document.asMap().forEach((key, value) -> object.set(key, tree(value)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = JSON.createArrayNode();
            document.asList().forEach(item -> array.add(tree(item)));
            return array;
        }
        if (document.isNumber()) {
            return JSON.readTree(document.asNumber().stringValue());
        }
        if (document.isBoolean()) {
            return JSON.getNodeFactory().booleanNode(document.asBoolean());
        }
        return document.isNull()
                ? JSON.getNodeFactory().nullNode()
                : JSON.getNodeFactory().stringNode(document.asString());
    }

    /** Everything a stream delivered, by kind; tool starts as "id/name" and tool input by block index. */
    private static final class Collected {

        private final List<String> events = new CopyOnWriteArrayList<>();
        private final StringBuffer text = new StringBuffer();
        private final StringBuffer reasoning = new StringBuffer();
        private final StringBuffer signature = new StringBuffer();
        private final Map<Integer, String> toolStarts = new ConcurrentHashMap<>();
        private final Map<Integer, List<String>> toolInputs = new ConcurrentHashMap<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final AtomicReference<MessageStopEvent> stop = new AtomicReference<>();
        private final AtomicReference<ConverseStreamMetadataEvent> metadata = new AtomicReference<>();

        ConverseStreamResponseHandler handler() {
            return ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onMessageStart(event -> events.add("messageStart"))
                            .onContentBlockStart(event -> {
                                events.add("contentBlockStart");
                                toolStarts.put(
                                        event.contentBlockIndex(),
                                        event.start().toolUse().toolUseId() + "/"
                                                + event.start().toolUse().name());
                            })
                            .onContentBlockDelta(event -> {
                                events.add("contentBlockDelta");
                                var delta = event.delta();
                                if (delta.text() != null) {
                                    text.append(delta.text());
                                } else if (delta.toolUse() != null) {
                                    toolInputs
                                            .computeIfAbsent(
                                                    event.contentBlockIndex(), index -> new CopyOnWriteArrayList<>())
                                            .add(delta.toolUse().input());
                                } else if (delta.reasoningContent() != null) {
                                    if (delta.reasoningContent().text() != null) {
                                        reasoning.append(
                                                delta.reasoningContent().text());
                                    }
                                    if (delta.reasoningContent().signature() != null) {
                                        signature.append(
                                                delta.reasoningContent().signature());
                                    }
                                }
                            })
                            .onContentBlockStop(event -> events.add("contentBlockStop"))
                            .onMessageStop(event -> {
                                events.add("messageStop");
                                stop.set(event);
                            })
                            .onMetadata(event -> {
                                events.add("metadata");
                                metadata.set(event);
                            })
                            .build())
                    .onError(errors::add)
                    .build();
        }
    }
}
