package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a Responses API stream as OpenAI does: {@code event: <type>} and {@code data: <json>} for each typed event,
 * no {@code [DONE]}. When the stream ends well, the finished translator is handed on, so the handler can store it.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private final JsonMapper json;
    private final ResponsesStreamTranslator translator;
    private final Consumer<ResponsesStreamTranslator> onFinished;

    ResponsesStreamEncoder(
            JsonMapper json, ResponsesStreamTranslator translator, Consumer<ResponsesStreamTranslator> onFinished) {
        this.json = json;
        this.translator = translator;
        this.onFinished = onFinished;
    }

    @Override
    public MediaType contentType() {
        return MediaType.TEXT_EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        return translator.toEvents(event).stream().map(this::sse).toList();
    }

    @Override
    public List<byte[]> end() {
        byte[] last = sse(translator.finish());
        onFinished.accept(translator);
        return List.of(last);
    }

    @Override
    public byte[] error(GatewayException error) {
        OpenAiError.Detail detail = OpenAiError.of(error).error();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ObjectNode event : translator.fail(
                detail.code() != null ? detail.code() : detail.type(), detail.message(), detail.param())) {
            out.writeBytes(sse(event));
        }
        return out.toByteArray();
    }

    @Override
    public byte[] keepAlive() {
        return StreamEncoder.sseKeepAlive();
    }

    private byte[] sse(ObjectNode event) {
        return ("event: " + event.path("type").asString() + "\ndata: " + json.writeValueAsString(event) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
