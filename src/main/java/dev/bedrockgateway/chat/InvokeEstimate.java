package dev.bedrockgateway.chat;

import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens an InvokeModel body may use, estimated for token limits without knowing the provider's schema:
 * a quarter of a token per character of every string in it, {@value TokenEstimate#MEDIA_TOKENS} per base64
 * image or document (a string under {@code data} or {@code bytes}), nothing for thinking signatures, plus the
 * body's own output limit under any of the names providers give it. Read with a streaming parser, so nothing
 * is built; a body that is not JSON counts a quarter token per byte (Bedrock refuses it anyway).
 */
final class InvokeEstimate {

    private static final Set<String> MEDIA = Set.of("data", "bytes");
    private static final Set<String> UNCOUNTED = Set.of("signature", "anthropic_version", "anthropic_beta");
    /** Anthropic and Mistral, Amazon Nova, Meta Llama, Amazon Titan, and others' output limits. */
    private static final Set<String> OUTPUT_LIMITS =
            Set.of("max_tokens", "maxTokens", "max_gen_len", "maxTokenCount", "max_new_tokens");

    private static final int CHARS_PER_TOKEN = 4;

    private InvokeEstimate() {}

    /**
     * The body's input estimate and its output limit.
     *
     * @param inputTokens the estimated input
     * @param maxTokens the body's output limit, or -1 where it sets none
     */
    record Tokens(long inputTokens, long maxTokens) {

        /** Input plus output limit, assuming {@code defaultMaxTokens} where the body sets none. */
        long total(long defaultMaxTokens) {
            return inputTokens + (maxTokens < 0 ? defaultMaxTokens : maxTokens);
        }
    }

    /** Reads the body once. */
    static Tokens of(byte[] body) {
        long chars = 0;
        long media = 0;
        long maxTokens = -1;
        try (JsonParser parser = JsonMapper.shared().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String name = parser.currentName();
                if (token == JsonToken.VALUE_STRING) {
                    if (name != null && MEDIA.contains(name)) {
                        media++;
                    } else if (name == null || !UNCOUNTED.contains(name)) {
                        chars += parser.getStringLength();
                    }
                } else if (token == JsonToken.VALUE_NUMBER_INT
                        && maxTokens < 0
                        && name != null
                        && OUTPUT_LIMITS.contains(name)) {
                    maxTokens = Math.max(0, parser.getLongValue());
                }
            }
        } catch (JacksonException notJson) {
            return new Tokens((body.length + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN, -1);
        }
        return new Tokens(
                (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + media * TokenEstimate.MEDIA_TOKENS, maxTokens);
    }
}
