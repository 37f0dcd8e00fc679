package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.StreamEncoder;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Claude's own stream events, as Bedrock's InvokeModelWithResponseStream carries them, as Anthropic's
 * server-sent events: each chunk is already one of Anthropic's events, so it is written as it came, named by its
 * type. Nothing is parsed but the type, and a chunk with a line break (never seen from Bedrock, but it would end
 * the SSE event early) is rewritten compact.
 */
final class ClaudeChunkEncoder implements StreamEncoder {

    private final JsonMapper json;

    ClaudeChunkEncoder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public MediaType contentType() {
        return AnthropicSse.EVENT_STREAM;
    }

    @Override
    public List<byte[]> encode(ChatStreamEvent event) {
        if (!(event instanceof ChatStreamEvent.Chunk chunk)) {
            return List.of();
        }
        byte[] bytes = chunk.bytes();
        String type = ClaudeInvokeBody.eventType(bytes, json);
        if (type == null) {
            return List.of();
        }
        return List.of(
                AnthropicSse.event(type, hasLineBreak(bytes) ? json.writeValueAsBytes(json.readTree(bytes)) : bytes));
    }

    @Override
    public List<byte[]> end() {
        return List.of();
    }

    @Override
    public byte[] error(GatewayException error) {
        return AnthropicSse.event("error", json.writeValueAsBytes(AnthropicError.of(error)));
    }

    @Override
    public byte[] keepAlive() {
        return AnthropicSse.PING;
    }

    private static boolean hasLineBreak(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
