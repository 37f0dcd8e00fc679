package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a stream as OpenAI does: {@code data: <chat.completion.chunk>} events, the first delta carrying the
 * role, a last content chunk with {@code finish_reason}, an optional usage chunk, then {@code data: [DONE]}.
 * A failure after the stream started is an {@code error} object in its own event.
 */
final class OpenAiStreamEncoder implements StreamEncoder {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper jsonMapper;
    private final OpenAiStreamTranslator translator;

    OpenAiStreamEncoder(JsonMapper jsonMapper, String id, long created, String model, boolean includeUsage) {
        this.jsonMapper = jsonMapper;
        this.translator = new OpenAiStreamTranslator(id, created, model, includeUsage);
    }

    @Override
    public MediaType contentType() {
        return MediaType.TEXT_EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        return translator.toChunks(event).stream().map(this::data).toList();
    }

    @Override
    public List<byte[]> end() {
        return List.of(DONE);
    }

    @Override
    public byte[] error(GatewayException error) {
        return data(OpenAiError.of(error));
    }

    @Override
    public byte[] keepAlive() {
        return StreamEncoder.sseKeepAlive();
    }

    private byte[] data(Object payload) {
        return ("data: " + jsonMapper.writeValueAsString(payload) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
