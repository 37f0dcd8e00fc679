package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a core stream (a model served through Converse) as Anthropic's server-sent events, in Anthropic's order,
 * through one {@link AnthropicStreamTranslator} per stream.
 */
final class AnthropicSseEncoder implements StreamEncoder {

    private final AnthropicStreamTranslator translator;
    private final JsonMapper json;

    AnthropicSseEncoder(AnthropicStreamTranslator translator, JsonMapper json) {
        this.translator = translator;
        this.json = json;
    }

    @Override
    public MediaType contentType() {
        return AnthropicSse.EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        return write(translator.translate(event));
    }

    @Override
    public List<byte[]> end() {
        return write(translator.finish());
    }

    @Override
    public byte[] error(GatewayException error) {
        return AnthropicSse.event("error", json.writeValueAsBytes(translator.error(error)));
    }

    @Override
    public byte[] keepAlive() {
        return AnthropicSse.PING;
    }

    private List<byte[]> write(List<AnthropicStreamEvent> events) {
        List<byte[]> out = new ArrayList<>(events.size());
        for (AnthropicStreamEvent event : events) {
            out.add(AnthropicSse.event(event.type(), json.writeValueAsBytes(event)));
        }
        return out;
    }
}
