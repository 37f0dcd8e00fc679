package dev.bedrockgateway.chat;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token usage read from a provider's own answer on the InvokeModel wire. An Anthropic answer says it in
 * {@code usage}; an Anthropic stream in {@code message_start.message.usage} (input and cache) and
 * {@code message_delta.usage} (output); and Bedrock appends {@code amazon-bedrock-invocationMetrics} to the
 * last chunk of every provider's stream, which, when present, is what Bedrock bills and so wins.
 */
final class InvokeUsage {

    private static final byte[] METRICS = "\"amazon-bedrock-invocationMetrics\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE_START = "\"message_start\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE_DELTA = "\"message_delta\"".getBytes(StandardCharsets.UTF_8);
    /** Where an Anthropic event names its type: {@code {"type":"message_delta",...}} comes first in practice. */
    private static final int TYPE_WINDOW = 48;

    private InvokeUsage() {}

    /** The usage in an Anthropic Messages answer, or null for another provider's or a malformed one. */
    static @Nullable TokenUsage ofAnthropicAnswer(byte[] body) {
        try {
            JsonNode answer = JsonMapper.shared().readTree(body);
            JsonNode usage = answer.path("usage");
            if (!"message".equals(answer.path("type").asString(null)) || !usage.isObject()) {
                return null;
            }
            return anthropic(usage, 0);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static TokenUsage anthropic(JsonNode usage, int output) {
        int input = usage.path("input_tokens").asInt(0);
        int out = Math.max(output, usage.path("output_tokens").asInt(0));
        int read = usage.path("cache_read_input_tokens").asInt(0);
        int write = usage.path("cache_creation_input_tokens").asInt(0);
        return of(input, out, read, write);
    }

    private static TokenUsage of(int input, int output, int cacheRead, int cacheWrite) {
        return new TokenUsage(
                input,
                output,
                input + output + cacheRead + cacheWrite,
                cacheRead == 0 ? null : cacheRead,
                cacheWrite == 0 ? null : cacheWrite);
    }

    /**
     * The usage of one stream, gathered chunk by chunk; only chunks that can carry usage are parsed. Used by
     * the one thread that delivers the stream's events at a time.
     */
    static final class Stream {

        private @Nullable TokenUsage started;
        private @Nullable TokenUsage usage;

        /** Reads what the chunk says about usage, if anything. */
        void add(byte[] chunk) {
            try {
                if (contains(chunk, METRICS, chunk.length)) {
                    JsonNode metrics = JsonMapper.shared().readTree(chunk).path("amazon-bedrock-invocationMetrics");
                    usage = of(
                            metrics.path("inputTokenCount").asInt(0),
                            metrics.path("outputTokenCount").asInt(0),
                            metrics.path("cacheReadInputTokenCount").asInt(0),
                            metrics.path("cacheWriteInputTokenCount").asInt(0));
                } else if (contains(chunk, MESSAGE_START, TYPE_WINDOW)) {
                    started = anthropic(
                            JsonMapper.shared().readTree(chunk).path("message").path("usage"), 0);
                } else if (contains(chunk, MESSAGE_DELTA, TYPE_WINDOW)) {
                    JsonNode delta = JsonMapper.shared().readTree(chunk).path("usage");
                    TokenUsage start = started;
                    usage = start == null ? anthropic(delta, 0) : merged(start, delta);
                }
            } catch (JacksonException notJson) {
                // Not ours to judge: the caller receives the chunk as Bedrock sent it.
            }
        }

        /** Bedrock's count once the stream has given one (at its end), else null. */
        @Nullable TokenUsage usage() {
            return usage;
        }

        /** message_delta's own counts where it gives them (newer models repeat input and cache there). */
        private static TokenUsage merged(TokenUsage start, JsonNode delta) {
            int input = delta.path("input_tokens").asInt(start.inputTokens());
            int read = delta.path("cache_read_input_tokens").asInt(zeroIfNull(start.cacheReadInputTokens()));
            int write = delta.path("cache_creation_input_tokens").asInt(zeroIfNull(start.cacheWriteInputTokens()));
            return of(input, delta.path("output_tokens").asInt(start.outputTokens()), read, write);
        }

        private static int zeroIfNull(@Nullable Integer value) {
            return value == null ? 0 : value;
        }
    }

    /** Whether the needle occurs in the first {@code window} bytes of the chunk. */
    static boolean contains(byte[] chunk, byte[] needle, int window) {
        int end = Math.min(chunk.length, window) - needle.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (chunk[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
