package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a Converse-style stream on {@code /v1/chat} as server-sent events carrying Bedrock's own events,
 * each as its union member ({@code {"contentBlockDelta":{...}}}, the shape AWS SDKs hand their callers),
 * named in the SSE {@code event:} field too. A failure after the start is an {@code error} event.
 */
final class ConverseSseEncoder implements StreamEncoder {

    private final JsonMapper jsonMapper;

    ConverseSseEncoder(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public MediaType contentType() {
        return MediaType.TEXT_EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        return List.of(sse(event.eventType(), Map.of(event.eventType(), event)));
    }

    @Override
    public List<byte[]> end() {
        return List.of();
    }

    @Override
    public byte[] error(GatewayException error) {
        return sse("error", Map.of(AwsErrors.member(error), new AwsError(error.getMessage())));
    }

    @Override
    public byte[] keepAlive() {
        return StreamEncoder.sseKeepAlive();
    }

    private byte[] sse(String name, Object payload) {
        return ("event: " + name + "\ndata: " + jsonMapper.writeValueAsString(payload) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
