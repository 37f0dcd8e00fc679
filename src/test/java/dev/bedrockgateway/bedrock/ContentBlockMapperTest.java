package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.bedrock.ContentBlockMapper.fromSdk;
import static dev.bedrockgateway.bedrock.ContentBlockMapper.toSdk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.CachePoint;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.DocumentBlock;
import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.chat.ToolConfig;
import dev.bedrockgateway.chat.ToolResultBlock;
import dev.bedrockgateway.chat.ToolUseBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.VideoFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Content blocks between the core and the SDK, both ways, and the tool and cache fields of the request. */
class ContentBlockMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    private static final String NESTED_INPUT = """
            {"city":"Zürich","days":[1,2,3],"options":{"units":"metric","hourly":true,"limit":null,\
            "ratio":0.125,"big":12345678901234567890,"tags":[],"nested":{"deep":[{"a":-0.000125}]}}}""";

    @Test
    void toSdkWhenTheBlockIsTextThenItIsText() {
        assertThat(toSdk(ContentBlock.text("Hello")))
                .isEqualTo(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("Hello"));
    }

    @Test
    void toSdkWhenTheImageHasBytesThenTheSdkImageCarriesThemAndTheFormat() {
        var image = toSdk(ContentBlock.image(new ImageBlock("png", MediaSource.bytes(BYTES))))
                .image();

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.source().bytes().asByteArray()).isEqualTo(BYTES);
        assertThat(image.source().s3Location()).isNull();
    }

    @Test
    void toSdkWhenTheImageIsOnS3ThenTheSdkImageNamesTheObjectAndOwner() {
        var image = toSdk(ContentBlock.image(new ImageBlock(
                        "jpeg",
                        new MediaSource(null, new MediaSource.S3Location("s3://photos/cat.jpg", "111122223333")))))
                .image();

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.source().bytes()).isNull();
        assertThat(image.source().s3Location().uri()).isEqualTo("s3://photos/cat.jpg");
        assertThat(image.source().s3Location().bucketOwner()).isEqualTo("111122223333");
    }

    @Test
    void toSdkWhenTheBlockIsADocumentThenFormatNameAndSourceAreKept() {
        var document = toSdk(ContentBlock.document(new DocumentBlock("pdf", "Q3 report", MediaSource.bytes(BYTES))))
                .document();
        var onS3 = toSdk(ContentBlock.document(new DocumentBlock(
                        "csv",
                        "totals",
                        new MediaSource(null, new MediaSource.S3Location("s3://docs/totals.csv", null)))))
                .document();

        assertThat(document.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(document.name()).isEqualTo("Q3 report");
        assertThat(document.source().bytes().asByteArray()).isEqualTo(BYTES);
        assertThat(onS3.format()).isEqualTo(DocumentFormat.CSV);
        assertThat(onS3.source().s3Location().uri()).isEqualTo("s3://docs/totals.csv");
        assertThat(onS3.source().s3Location().bucketOwner()).isNull();
    }

    @Test
    void toSdkWhenTheBlockIsAToolUseThenIdNameAndNestedInputSurvive() {
        var toolUse = toSdk(
                        ContentBlock.toolUse(new ToolUseBlock("tooluse_1", "get_weather", JSON.readTree(NESTED_INPUT))))
                .toolUse();

        assertThat(toolUse.toolUseId()).isEqualTo("tooluse_1");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse.input().asMap().get("city").asString()).isEqualTo("Zürich");
        assertThat(JSON.writeValueAsString(Documents.toJson(toolUse.input()))).isEqualTo(NESTED_INPUT);
    }

    @Test
    void toSdkWhenTheBlockIsAToolResultThenEveryPieceAndTheStatusAreKept() {
        ToolResultBlock result = new ToolResultBlock(
                "tooluse_1",
                List.of(
                        ToolResultBlock.Content.text("18 degrees"),
                        new ToolResultBlock.Content(
                                null, JSON.readTree("{\"temp\":18,\"sky\":[\"cloudy\"]}"), null, null),
                        new ToolResultBlock.Content(null, null, new ImageBlock("gif", MediaSource.bytes(BYTES)), null),
                        new ToolResultBlock.Content(
                                null,
                                null,
                                null,
                                new DocumentBlock(
                                        "txt", "log", MediaSource.bytes("ok".getBytes(StandardCharsets.UTF_8))))),
                "error");

        var sdk = toSdk(ContentBlock.toolResult(result)).toolResult();

        assertThat(sdk.toolUseId()).isEqualTo("tooluse_1");
        assertThat(sdk.status()).isEqualTo(ToolResultStatus.ERROR);
        assertThat(sdk.content()).hasSize(4);
        assertThat(sdk.content().get(0).text()).isEqualTo("18 degrees");
        assertThat(Documents.toJson(sdk.content().get(1).json())).hasToString("{\"temp\":18,\"sky\":[\"cloudy\"]}");
        assertThat(sdk.content().get(2).image().format()).isEqualTo(ImageFormat.GIF);
        assertThat(sdk.content().get(2).image().source().bytes().asByteArray()).isEqualTo(BYTES);
        assertThat(sdk.content().get(3).document().name()).isEqualTo("log");
    }

    @Test
    void toSdkWhenAToolResultHasNoStatusThenNoneIsSent() {
        var sdk = toSdk(ContentBlock.toolResult(
                        new ToolResultBlock("t", List.of(ToolResultBlock.Content.text("ok")), null)))
                .toolResult();

        assertThat(sdk.status()).isNull();
        assertThat(sdk.statusAsString()).isNull();
    }

    @Test
    void toSdkWhenTheBlockIsReasoningThenTextSignatureAndRedactedBytesAreKept() {
        var readable = toSdk(ContentBlock.reasoning(
                        new ReasoningBlock(new ReasoningBlock.ReasoningText("Let me think.", "sig-123"), null)))
                .reasoningContent();
        var redacted =
                toSdk(ContentBlock.reasoning(new ReasoningBlock(null, BYTES))).reasoningContent();

        assertThat(readable.reasoningText().text()).isEqualTo("Let me think.");
        assertThat(readable.reasoningText().signature()).isEqualTo("sig-123");
        assertThat(readable.redactedContent()).isNull();
        assertThat(redacted.reasoningText()).isNull();
        assertThat(redacted.redactedContent().asByteArray()).isEqualTo(BYTES);
    }

    @Test
    void toSdkWhenTheBlockIsACachePointThenItIsADefaultCachePoint() {
        var sdk = toSdk(ContentBlock.checkpoint());

        assertThat(sdk.cachePoint().type()).isEqualTo(CachePointType.DEFAULT);
        assertThat(sdk.text()).isNull();
    }

    @Test
    void fromSdkWhenTheBlockIsTextThenItIsText() {
        assertThat(fromSdk(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("Hi")))
                .isEqualTo(ContentBlock.text("Hi"));
    }

    @Test
    void fromSdkWhenAToolUseGoesThereAndBackThenTheNestedInputIsWrittenIdentically() {
        ContentBlock original =
                ContentBlock.toolUse(new ToolUseBlock("tooluse_9", "plan", JSON.readTree(NESTED_INPUT)));

        ContentBlock back = fromSdk(toSdk(original));

        assertThat(back.toolUse().toolUseId()).isEqualTo("tooluse_9");
        assertThat(back.toolUse().name()).isEqualTo("plan");
        assertThat(JSON.writeValueAsString(back.toolUse().input())).isEqualTo(NESTED_INPUT);
    }

    @Test
    void fromSdkWhenAToolUseHasNoInputThenTheInputIsAnEmptyObject() {
        ContentBlock block = fromSdk(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolUse(
                toolUse -> toolUse.toolUseId("t").name("get_time")));

        assertThat(block.toolUse().input()).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void fromSdkWhenReasoningHasTextAndSignatureThenBothArrive() {
        ContentBlock block = fromSdk(
                software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(reasoning ->
                        reasoning.reasoningText(text -> text.text("Hmm.").signature("sig"))));

        assertThat(block)
                .isEqualTo(ContentBlock.reasoning(
                        new ReasoningBlock(new ReasoningBlock.ReasoningText("Hmm.", "sig"), null)));
    }

    @Test
    void fromSdkWhenReasoningIsRedactedThenTheBytesArrive() {
        ContentBlock block =
                fromSdk(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(
                        reasoning -> reasoning.redactedContent(SdkBytes.fromByteArray(BYTES))));

        assertThat(block.reasoningContent().reasoningText()).isNull();
        assertThat(block.reasoningContent().redactedContent()).isEqualTo(BYTES);
    }

    @Test
    void fromSdkWhenTheImageHasBytesThenFormatAndBytesArrive() {
        ContentBlock block = fromSdk(toSdk(ContentBlock.image(new ImageBlock("webp", MediaSource.bytes(BYTES)))));

        assertThat(block.image().format()).isEqualTo("webp");
        assertThat(block.image().source().bytes()).isEqualTo(BYTES);
    }

    static Stream<Arguments> blocksTheCoreDoesNotCarry() {
        return Stream.of(
                Arguments.of(
                        "video",
                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromVideo(
                                video -> video.format(VideoFormat.MP4)
                                        .source(source -> source.bytes(SdkBytes.fromByteArray(BYTES))))),
                Arguments.of(
                        "guard content",
                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromGuardContent(
                                GuardrailConverseContentBlock.fromText(text -> text.text("checked")))),
                Arguments.of(
                        "empty union",
                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.builder()
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocksTheCoreDoesNotCarry")
    void fromSdkWhenTheBlockIsOfAKindTheCoreDoesNotCarryThenItMapsToNull(
            String name, software.amazon.awssdk.services.bedrockruntime.model.ContentBlock block) {
        assertThat(fromSdk(block)).as(name).isNull();
    }

    static Stream<Arguments> blocksTheCoreCarries() {
        return Stream.of(
                Arguments.of(
                        "image on S3",
                        ContentBlock.image(new ImageBlock(
                                "png",
                                new MediaSource(null, new MediaSource.S3Location("s3://photos/cat.png", null))))),
                Arguments.of(
                        "document", ContentBlock.document(new DocumentBlock("md", "notes", MediaSource.bytes(BYTES)))),
                Arguments.of(
                        "tool result",
                        ContentBlock.toolResult(
                                new ToolResultBlock("t", List.of(ToolResultBlock.Content.text("ok")), "success"))),
                Arguments.of("cache point", ContentBlock.checkpoint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocksTheCoreCarries")
    void fromSdkWhenTheBlockIsOfAKindTheCoreCarriesThenItComesBackAsItWent(String name, ContentBlock block) {
        ContentBlock back = fromSdk(toSdk(block));

        assertThat(back).as(name).isNotNull();
        assertThat(JSON.writeValueAsString(back)).isEqualTo(JSON.writeValueAsString(block));
    }

    private static ChatRequest request(List<SystemBlock> system, @Nullable ToolConfig toolConfig) {
        return new ChatRequest(
                MODEL,
                List.of(new Message(Role.USER, List.of(ContentBlock.text("Weather?")))),
                system,
                toolConfig,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null);
    }

    private static ToolConfig tools(ToolConfig.@Nullable ToolChoice choice) {
        JsonNode schema = JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}," + "\"required\":[\"city\"]}");
        return new ToolConfig(
                List.of(
                        new ToolConfig.Tool(
                                new ToolConfig.ToolSpec(
                                        "get_weather", "Current weather", new ToolConfig.InputSchema(schema)),
                                null),
                        new ToolConfig.Tool(
                                new ToolConfig.ToolSpec(
                                        "get_time",
                                        null,
                                        new ToolConfig.InputSchema(
                                                JSON.readTree("{\"type\":\"object\",\"properties\":{}}"))),
                                null),
                        new ToolConfig.Tool(null, CachePoint.DEFAULT)),
                choice);
    }

    @Test
    void toSdkWhenTheRequestHasToolsThenSpecsAndTheCachePointAreSentInOrder() {
        ConverseRequest sdk =
                ConverseRequestMapper.toSdk(MODEL, request(List.of(), tools(ToolConfig.ToolChoice.automatic())));

        var tools = sdk.toolConfig().tools();
        assertThat(tools).hasSize(3);
        assertThat(tools.get(0).toolSpec().name()).isEqualTo("get_weather");
        assertThat(tools.get(0).toolSpec().description()).isEqualTo("Current weather");
        assertThat(Documents.toJson(tools.get(0).toolSpec().inputSchema().json()))
                .hasToString(
                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
        assertThat(tools.get(1).toolSpec().name()).isEqualTo("get_time");
        assertThat(tools.get(1).toolSpec().description()).isNull();
        assertThat(tools.get(2).toolSpec()).isNull();
        assertThat(tools.get(2).cachePoint().type()).isEqualTo(CachePointType.DEFAULT);
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of(ToolConfig.ToolChoice.automatic(), ToolChoice.Type.AUTO, null),
                Arguments.of(ToolConfig.ToolChoice.anyTool(), ToolChoice.Type.ANY, null),
                Arguments.of(ToolConfig.ToolChoice.tool("get_time"), ToolChoice.Type.TOOL, "get_time"),
                Arguments.of(null, null, null));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("toolChoices")
    void toSdkWhenAToolChoiceIsSetThenItIsTheMatchingUnionMemberAndNoneWhenUnset(
            ToolConfig.@Nullable ToolChoice choice, ToolChoice.@Nullable Type type, @Nullable String name) {
        ToolChoice sdk = ConverseRequestMapper.toSdk(MODEL, request(List.of(), tools(choice)))
                .toolConfig()
                .toolChoice();

        assertThat(sdk == null ? null : sdk.type()).isEqualTo(type);
        assertThat(sdk == null || sdk.tool() == null ? null : sdk.tool().name()).isEqualTo(name);
    }

    @Test
    void toSdkWhenThereAreNoToolsThenThereIsNoToolConfig() {
        assertThat(ConverseRequestMapper.toSdk(MODEL, request(List.of(), null)).toolConfig())
                .isNull();
    }

    @Test
    void toSdkStreamWhenTheRequestHasToolsThenTheStreamRequestCarriesTheSameToolConfig() {
        ChatRequest request = request(List.of(), tools(ToolConfig.ToolChoice.tool("get_weather")));

        ConverseStreamRequest sdk = ConverseRequestMapper.toSdkStream(MODEL, request);

        assertThat(sdk.toolConfig())
                .isEqualTo(ConverseRequestMapper.toSdk(MODEL, request).toolConfig());
        assertThat(sdk.toolConfig().toolChoice().tool().name()).isEqualTo("get_weather");
    }

    @Test
    void toSdkWhenTheSystemPromptHasACachePointThenItIsSentBetweenTheTexts() {
        ConverseRequest sdk = ConverseRequestMapper.toSdk(
                MODEL,
                request(
                        List.of(
                                SystemBlock.text("You are terse."),
                                new SystemBlock(null, CachePoint.DEFAULT),
                                SystemBlock.text("Today is Monday.")),
                        null));

        assertThat(sdk.system())
                .extracting(SystemContentBlock::type)
                .containsExactly(
                        SystemContentBlock.Type.TEXT,
                        SystemContentBlock.Type.CACHE_POINT,
                        SystemContentBlock.Type.TEXT);
        assertThat(sdk.system().get(0).text()).isEqualTo("You are terse.");
        assertThat(sdk.system().get(1).cachePoint().type()).isEqualTo(CachePointType.DEFAULT);
        assertThat(sdk.system().get(2).text()).isEqualTo("Today is Monday.");
    }
}
