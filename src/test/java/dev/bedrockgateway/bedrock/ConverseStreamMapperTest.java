package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockStart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConverseStreamMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> sdkEventsAndCoreEvents() {
        return Stream.of(
                Arguments.of(
                        "messageStart",
                        ConverseStreamOutput.messageStartBuilder()
                                .role(ConversationRole.ASSISTANT)
                                .build(),
                        new ChatStreamEvent.MessageStart(Role.ASSISTANT)),
                Arguments.of(
                        "contentBlockStart with toolUse",
                        ConverseStreamOutput.contentBlockStartBuilder()
                                .contentBlockIndex(1)
                                .start(ContentBlockStart.fromToolUse(ToolUseBlockStart.builder()
                                        .toolUseId("tooluse_1")
                                        .name("get_weather")
                                        .build()))
                                .build(),
                        new ChatStreamEvent.ContentBlockStart(
                                1,
                                new ChatStreamEvent.ContentBlockStart.Start(
                                        new ChatStreamEvent.ContentBlockStart.ToolUseStart(
                                                "tooluse_1", "get_weather")))),
                Arguments.of(
                        "text delta",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(0)
                                .delta(ContentBlockDelta.fromText("Hello "))
                                .build(),
                        new ChatStreamEvent.ContentBlockDelta(
                                0, ChatStreamEvent.ContentBlockDelta.Delta.text("Hello "))),
                Arguments.of(
                        "toolUse delta",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(1)
                                .delta(ContentBlockDelta.fromToolUse(ToolUseBlockDelta.builder()
                                        .input("{\"city\":")
                                        .build()))
                                .build(),
                        new ChatStreamEvent.ContentBlockDelta(
                                1,
                                new ChatStreamEvent.ContentBlockDelta.Delta(
                                        null, new ChatStreamEvent.ContentBlockDelta.ToolUseDelta("{\"city\":"), null))),
                Arguments.of(
                        "reasoning text delta",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(0)
                                .delta(ContentBlockDelta.fromReasoningContent(
                                        ReasoningContentBlockDelta.fromText("Let me think")))
                                .build(),
                        new ChatStreamEvent.ContentBlockDelta(
                                0,
                                new ChatStreamEvent.ContentBlockDelta.Delta(
                                        null,
                                        null,
                                        new ChatStreamEvent.ContentBlockDelta.ReasoningDelta(
                                                "Let me think", null, null)))),
                Arguments.of(
                        "reasoning signature delta",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(0)
                                .delta(ContentBlockDelta.fromReasoningContent(
                                        ReasoningContentBlockDelta.fromSignature("sig-1")))
                                .build(),
                        new ChatStreamEvent.ContentBlockDelta(
                                0,
                                new ChatStreamEvent.ContentBlockDelta.Delta(
                                        null,
                                        null,
                                        new ChatStreamEvent.ContentBlockDelta.ReasoningDelta(null, "sig-1", null)))),
                Arguments.of(
                        "contentBlockStop",
                        ConverseStreamOutput.contentBlockStopBuilder()
                                .contentBlockIndex(2)
                                .build(),
                        new ChatStreamEvent.ContentBlockStop(2)),
                Arguments.of(
                        "messageStop",
                        ConverseStreamOutput.messageStopBuilder()
                                .stopReason(StopReason.MAX_TOKENS)
                                .build(),
                        new ChatStreamEvent.MessageStop("max_tokens", null)),
                Arguments.of(
                        "messageStop with a future stop reason",
                        ConverseStreamOutput.messageStopBuilder()
                                .stopReason("brand_new_reason")
                                .build(),
                        new ChatStreamEvent.MessageStop("brand_new_reason", null)),
                Arguments.of(
                        "messageStop without stop reason",
                        ConverseStreamOutput.messageStopBuilder().build(),
                        new ChatStreamEvent.MessageStop("end_turn", null)),
                Arguments.of(
                        "metadata",
                        ConverseStreamOutput.metadataBuilder()
                                .usage(u -> u.inputTokens(4)
                                        .outputTokens(5)
                                        .totalTokens(9)
                                        .cacheReadInputTokens(2)
                                        .cacheWriteInputTokens(1))
                                .metrics(m -> m.latencyMs(123L))
                                .build(),
                        new ChatStreamEvent.Metadata(
                                new TokenUsage(4, 5, 9, 2, 1), new ChatStreamEvent.Metadata.Metrics(123))),
                Arguments.of(
                        "metadata without usage and metrics",
                        ConverseStreamOutput.metadataBuilder().build(),
                        new ChatStreamEvent.Metadata(
                                new TokenUsage(0, 0, 0, null, null), new ChatStreamEvent.Metadata.Metrics(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkEventsAndCoreEvents")
    void fromSdkWhenAKnownEventArrivesThenMapsToTheCoreEvent(
            String name, ConverseStreamOutput sdkEvent, ChatStreamEvent expected) {
        assertThat(ConverseStreamMapper.fromSdk(sdkEvent)).isEqualTo(expected);
    }

    @Test
    void fromSdkWhenMessageStopHasAdditionalFieldsThenTheyBecomeJson() {
        ChatStreamEvent event = ConverseStreamMapper.fromSdk(ConverseStreamOutput.messageStopBuilder()
                .stopReason(StopReason.END_TURN)
                .additionalModelResponseFields(Document.mapBuilder()
                        .putString("stop_sequence", "END")
                        .putNumber("tokens", 3)
                        .build())
                .build());

        assertThat(event).isInstanceOfSatisfying(ChatStreamEvent.MessageStop.class, stop -> {
            assertThat(stop.stopReason()).isEqualTo("end_turn");
            JsonNode fields = stop.additionalModelResponseFields();
            assertThat(fields).isNotNull();
            assertThat(fields.propertyNames()).containsExactly("stop_sequence", "tokens");
            assertThat(fields.get("stop_sequence").stringValue()).isEqualTo("END");
            assertThat(fields.get("tokens").asInt()).isEqualTo(3);
        });
    }

    @Test
    void fromSdkWhenReasoningIsRedactedThenTheBytesAreKept() {
        byte[] secret = "opaque".getBytes(StandardCharsets.UTF_8);

        ChatStreamEvent event = ConverseStreamMapper.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder()
                .contentBlockIndex(0)
                .delta(ContentBlockDelta.fromReasoningContent(
                        ReasoningContentBlockDelta.fromRedactedContent(SdkBytes.fromByteArray(secret))))
                .build());

        assertThat(event).isInstanceOfSatisfying(ChatStreamEvent.ContentBlockDelta.class, delta -> {
            var reasoning = delta.delta().reasoningContent();
            assertThat(reasoning).isNotNull();
            assertThat(reasoning.redactedContent()).isEqualTo(secret);
            assertThat(delta.delta().text()).isNull();
        });
    }

    static Stream<Arguments> eventsWithoutCoreCounterpart() {
        return Stream.of(
                Arguments.of("unknown event", ConverseStreamOutput.UNKNOWN),
                Arguments.of(
                        "contentBlockStart without start",
                        ConverseStreamOutput.contentBlockStartBuilder()
                                .contentBlockIndex(0)
                                .build()),
                Arguments.of(
                        "contentBlockDelta without delta",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(0)
                                .build()),
                Arguments.of(
                        "contentBlockDelta of an unmapped kind (citation)",
                        ConverseStreamOutput.contentBlockDeltaBuilder()
                                .contentBlockIndex(0)
                                .delta(ContentBlockDelta.fromCitation(
                                        CitationsDelta.builder().title("t").build()))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsWithoutCoreCounterpart")
    void fromSdkWhenTheEventIsUnknownOrEmptyThenReturnsNull(String name, ConverseStreamOutput sdkEvent) {
        assertThat(ConverseStreamMapper.fromSdk(sdkEvent)).isNull();
    }
}
