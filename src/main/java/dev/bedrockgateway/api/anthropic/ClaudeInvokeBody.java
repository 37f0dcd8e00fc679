package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The InvokeModel body for a Claude model, made from a Messages request as the caller sent it; pure. Bedrock
 * serves Claude the Messages API itself, so the body passes through unchanged (unknown fields, cache_control,
 * signed thinking blocks, server tools and all) except for what Bedrock's dialect differs in: no {@code model} (it
 * is in the path) and no {@code stream} (the operation says it), {@code anthropic_version} set to
 * {@value #ANTHROPIC_VERSION}, and the betas in the body's {@code anthropic_beta} rather than a header.
 *
 * <p>Bedrock refuses the whole request ("invalid beta flag") when one beta is unknown to it, and Claude Code sends
 * several, so only the betas on an allow-list are kept: those Bedrock documents for Claude's Messages parameters
 * ({@code computer-use-2024-10-22}, {@code computer-use-2025-01-24}, {@code token-efficient-tools-2025-02-19},
 * {@code interleaved-thinking-2025-05-14}, {@code output-128k-2025-02-19}, {@code dev-full-thinking-2025-05-14},
 * {@code context-1m-2025-08-07}, {@code context-management-2025-06-27}, {@code effort-2025-11-24},
 * {@code tool-search-tool-2025-10-19}, {@code tool-examples-2025-10-29}), and two it accepts in practice
 * ({@code fine-grained-tool-streaming-2025-05-14}, {@code computer-use-2025-11-24}). Dropped, among those clients
 * send:
 *
 * <ul>
 *   <li>{@code oauth-2025-04-20}: sign-in with an Anthropic account; Bedrock authenticates AWS callers and refuses
 *       it.
 *   <li>{@code claude-code-20250219}: only marks Claude Code's traffic, enables nothing Bedrock documents, and
 *       Claude Opus 4.7 on Bedrock refuses it.
 *   <li>{@code prompt-caching-scope-2026-01-05}, {@code extended-cache-ttl-2025-04-11}, {@code fast-mode-2026-02-01},
 *       {@code redact-thinking-2026-02-12}: refused by Bedrock as invalid flags.
 *   <li>{@code files-api-2025-04-14}, {@code mcp-client-2025-04-04}, {@code mcp-client-2025-11-20},
 *       {@code mcp-servers-2025-12-04}, {@code code-execution-2025-05-22}, {@code code-execution-2025-08-25},
 *       {@code web-search-2025-03-05}, {@code web-fetch-2025-09-10}, {@code skills-2025-10-02}: features that run on
 *       Anthropic's own servers, which Bedrock does not have.
 *   <li>{@code structured-outputs-2025-11-13} and any other beta not listed: not documented for Bedrock, so not
 *       worth failing the whole request for.
 * </ul>
 *
 * {@code advanced-tool-use-2025-11-20}, which Claude Code sends to Anthropic's own API for tool search, is sent as
 * Bedrock's name for the same feature, {@code tool-search-tool-2025-10-19}.
 */
public final class ClaudeInvokeBody {

    /** The only {@code anthropic_version} Bedrock accepts. */
    public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private static final Set<String> BEDROCK_BETAS = Set.of(
            "computer-use-2024-10-22",
            "computer-use-2025-01-24",
            "computer-use-2025-11-24",
            "token-efficient-tools-2025-02-19",
            "interleaved-thinking-2025-05-14",
            "fine-grained-tool-streaming-2025-05-14",
            "output-128k-2025-02-19",
            "dev-full-thinking-2025-05-14",
            "context-1m-2025-08-07",
            "context-management-2025-06-27",
            "effort-2025-11-24",
            "tool-search-tool-2025-10-19",
            "tool-examples-2025-10-29");
    private static final Map<String, String> BEDROCK_NAMES =
            Map.of("advanced-tool-use-2025-11-20", "tool-search-tool-2025-10-19");
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private ClaudeInvokeBody() {}

    /**
     * The body to send, and the betas left out of it.
     *
     * @param json the body, UTF-8 JSON
     * @param droppedBetas the betas the caller asked for that Bedrock would refuse, in the order asked, for the
     *     caller to log
     */
    public record Prepared(byte[] json, List<String> droppedBetas) {

        public Prepared {
            droppedBetas = List.copyOf(droppedBetas);
        }
    }

    /**
     * Prepares the body; the request is not changed.
     *
     * @param request the Messages request as parsed
     * @param anthropicBetaHeaders every {@code anthropic-beta} header value, each a comma-separated list
     * @param json writes the body
     * @throws GatewayException (400) when the request is not an object or its {@code anthropic_beta} is not a list
     *     of strings
     */
    public static Prepared prepare(JsonNode request, List<String> anthropicBetaHeaders, JsonMapper json) {
        if (!(request instanceof ObjectNode original)) {
            throw GatewayException.invalid(null, "The request body must be a JSON object");
        }
        ObjectNode body = original.deepCopy();
        body.remove("model");
        body.remove("stream");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        Set<String> asked = new LinkedHashSet<>(bodyBetas(body.remove("anthropic_beta")));
        for (String header : anthropicBetaHeaders) {
            asked.addAll(split(header));
        }
        Set<String> kept = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        for (String beta : asked) {
            String bedrockName = BEDROCK_NAMES.getOrDefault(beta, beta);
            if (BEDROCK_BETAS.contains(bedrockName)) {
                kept.add(bedrockName);
            } else {
                dropped.add(beta);
            }
        }
        if (!kept.isEmpty()) {
            ArrayNode betas = body.putArray("anthropic_beta");
            kept.forEach(betas::add);
        }
        return new Prepared(json.writeValueAsBytes(body), dropped);
    }

    /**
     * The {@code type} of one streamed Claude event (the JSON of one InvokeModelWithResponseStream chunk), e.g.
     * {@code content_block_delta}, for the SSE event name. Bedrock writes {@code type} first, so it is read from
     * the bytes without parsing; anything else is parsed.
     *
     * @return the type, or null when the chunk has none or is not JSON
     */
    public static @Nullable String eventType(byte[] chunk, JsonMapper json) {
        if (startsWith(chunk, TYPE_PREFIX)) {
            for (int i = TYPE_PREFIX.length; i < chunk.length; i++) {
                byte b = chunk[i];
                if (b == '"') {
                    return new String(chunk, TYPE_PREFIX.length, i - TYPE_PREFIX.length, StandardCharsets.US_ASCII);
                }
                if (b == '\\' || b < 0x20) {
                    // An escape, a control character or a non-ASCII byte (negative in Java) needs a real parser.
                    break;
                }
            }
        }
        try {
            JsonNode type = json.readTree(chunk).get("type");
            return type != null && type.isString() ? type.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static List<String> bodyBetas(@Nullable JsonNode betas) {
        List<String> out = new ArrayList<>();
        if (betas == null || betas.isNull()) {
            return out;
        }
        if (betas.isString()) {
            return split(betas.stringValue());
        }
        if (betas.isArray()) {
            for (JsonNode beta : betas) {
                if (!beta.isString()) {
                    throw GatewayException.invalid("anthropic_beta", "anthropic_beta must be a list of strings");
                }
                out.addAll(split(beta.stringValue()));
            }
            return out;
        }
        throw GatewayException.invalid("anthropic_beta", "anthropic_beta must be a list of strings");
    }

    private static List<String> split(String betas) {
        List<String> out = new ArrayList<>();
        for (String beta : betas.split(",")) {
            if (!beta.isBlank()) {
                out.add(beta.strip());
            }
        }
        return out;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
