package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a stream in Bedrock's own ConverseStream format, {@code application/vnd.amazon.eventstream}
 * binary frames, so a stock AWS SDK {@code converseStream} call through the gateway works. A failure
 * after the stream started is an exception frame the SDK raises as the matching exception.
 */
final class BedrockEventStreamEncoder implements StreamEncoder {

    static final MediaType EVENT_STREAM = MediaType.parseMediaType("application/vnd.amazon.eventstream");

    /** The exception members of Bedrock's ConverseStreamOutput union. */
    private static final Set<String> STREAM_EXCEPTIONS = Set.of(
            "internalServerException",
            "modelStreamErrorException",
            "validationException",
            "throttlingException",
            "serviceUnavailableException");

    private final JsonMapper jsonMapper;

    BedrockEventStreamEncoder(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public MediaType contentType() {
        return EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        return List.of(EventStreamFrames.event(event.eventType(), jsonMapper.writeValueAsBytes(event)));
    }

    @Override
    public List<byte[]> end() {
        return List.of();
    }

    @Override
    public byte[] error(GatewayException error) {
        String member = AwsErrors.member(error);
        return EventStreamFrames.exception(
                STREAM_EXCEPTIONS.contains(member) ? member : "internalServerException",
                jsonMapper.writeValueAsBytes(new AwsError(error.getMessage())));
    }
}
