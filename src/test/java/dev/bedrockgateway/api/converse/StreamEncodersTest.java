package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamEvent.ContentBlockDelta;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.json.JsonMapper;

class StreamEncodersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BedrockEventStreamEncoder EVENT_STREAM = new BedrockEventStreamEncoder(JSON);
    private static final ConverseSseEncoder SSE = new ConverseSseEncoder(JSON);

    static Stream<Arguments> eventsAndPayloads() {
        return Stream.of(
                Arguments.of(new ChatStreamEvent.MessageStart(Role.ASSISTANT), "messageStart", """
                        {"role":"assistant"}"""),
                Arguments.of(
                        new ContentBlockDelta(0, ContentBlockDelta.Delta.text("Hello ")), "contentBlockDelta", """
                        {"contentBlockIndex":0,"delta":{"text":"Hello "}}"""),
                Arguments.of(
                        new ContentBlockDelta(
                                1,
                                new ContentBlockDelta.Delta(null, new ContentBlockDelta.ToolUseDelta("{\"q\":"), null)),
                        "contentBlockDelta",
                        """
                        {"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\\"q\\":"}}}"""),
                Arguments.of(
                        new ChatStreamEvent.ContentBlockStart(
                                1,
                                new ChatStreamEvent.ContentBlockStart.Start(
                                        new ChatStreamEvent.ContentBlockStart.ToolUseStart("tool-1", "lookup"))),
                        "contentBlockStart",
                        """
                        {"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tool-1","name":"lookup"}}}"""),
                Arguments.of(new ChatStreamEvent.ContentBlockStop(0), "contentBlockStop", """
                        {"contentBlockIndex":0}"""),
                Arguments.of(new ChatStreamEvent.MessageStop("end_turn", null), "messageStop", """
                        {"stopReason":"end_turn"}"""),
                Arguments.of(
                        new ChatStreamEvent.Metadata(
                                new TokenUsage(4, 5, 9, null, null), new ChatStreamEvent.Metadata.Metrics(12)),
                        "metadata",
                        """
                        {"usage":{"inputTokens":4,"outputTokens":5,"totalTokens":9},"metrics":{"latencyMs":12}}"""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("eventsAndPayloads")
    void eventStreamEncodeWhenAnEventIsWrittenThenOneFrameDecodesToItsHeadersAndUnwrappedPayload(
            ChatStreamEvent event, String eventType, String payload) {
        List<byte[]> frames = EVENT_STREAM.encode(event);

        assertThat(frames).hasSize(1);
        Message message = Message.decode(ByteBuffer.wrap(frames.get(0)));
        assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(message.getHeaders().get(":event-type").getString()).isEqualTo(eventType);
        assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        assertThat(JSON.readTree(message.getPayload())).isEqualTo(JSON.readTree(payload));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ThrottlingException, throttlingException",
        "ValidationException, validationException",
        "ServiceUnavailableException, serviceUnavailableException",
        "ModelStreamErrorException, modelStreamErrorException",
        "InternalServerException, internalServerException",
        "ModelTimeoutException, internalServerException",
        "AccessDeniedException, internalServerException"
    })
    void eventStreamErrorWhenTheStreamFailsThenTheExceptionFrameNamesAMemberOfTheStreamUnion(
            String upstreamType, String exceptionType) {
        Message message = Message.decode(ByteBuffer.wrap(
                EVENT_STREAM.error(new GatewayException(ErrorKind.UPSTREAM_ERROR, "It broke.", null, upstreamType))));

        assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(message.getHeaders().get(":exception-type").getString()).isEqualTo(exceptionType);
        assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        assertThat(message.getHeaders()).doesNotContainKey(":event-type");
        assertThat(JSON.readTree(message.getPayload())).isEqualTo(JSON.readTree("""
                {"message":"It broke."}"""));
    }

    @Test
    void eventStreamErrorWhenNoUpstreamTypeIsKnownThenTheKindsAwsTypeIsUsed() {
        Message message = Message.decode(
                ByteBuffer.wrap(EVENT_STREAM.error(new GatewayException(ErrorKind.RATE_LIMITED, "Slow down."))));

        assertThat(message.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
    }

    @Test
    void eventStreamEndWhenTheStreamCompletesThenNothingMoreIsWritten() {
        assertThat(EVENT_STREAM.end()).isEmpty();
        assertThat(EVENT_STREAM.contentType().toString()).isEqualTo("application/vnd.amazon.eventstream");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("eventsAndPayloads")
    void sseEncodeWhenAnEventIsWrittenThenItIsNamedAndItsDataIsUnionWrapped(
            ChatStreamEvent event, String eventType, String payload) {
        List<byte[]> chunks = SSE.encode(event);

        assertThat(chunks).hasSize(1);
        String text = new String(chunks.get(0), StandardCharsets.UTF_8);
        assertThat(text).startsWith("event: " + eventType + "\ndata: ").endsWith("\n\n");
        String data = text.substring(("event: " + eventType + "\ndata: ").length(), text.length() - 2);
        assertThat(data).doesNotContain("\n");
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("{\"" + eventType + "\":" + payload + "}"));
    }

    @Test
    void sseErrorWhenTheStreamFailsThenAnErrorEventCarriesTheLowerCamelExceptionMember() {
        String text = new String(
                SSE.error(new GatewayException(
                        ErrorKind.RATE_LIMITED, "Too many requests.", null, "ThrottlingException")),
                StandardCharsets.UTF_8);

        assertThat(text)
                .isEqualTo("event: error\ndata: {\"throttlingException\":{\"message\":\"Too many requests.\"}}\n\n");
    }

    @Test
    void sseEndWhenTheStreamCompletesThenNothingMoreIsWrittenAndTheTypeIsEventStream() {
        assertThat(SSE.end()).isEmpty();
        assertThat(SSE.contentType().toString()).isEqualTo("text/event-stream");
    }
}
