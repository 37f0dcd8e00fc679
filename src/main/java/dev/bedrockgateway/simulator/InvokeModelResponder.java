package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers InvokeModel and InvokeModelWithResponseStream, whose bodies are the model provider's own JSON: for
 * model ids containing {@code anthropic.} the Anthropic Messages API ({@link AnthropicMessagesValidator},
 * {@link AnthropicRequestTranslator}, {@link AnthropicMessagesResponder}), for ids containing
 * {@code amazon.nova-} Nova's {@code messages-v1} ({@link NovaMessages}), for embeddings models their own bodies
 * ({@link EmbeddingsResponder}); any other model gets Bedrock's
 * "Malformed input request". The body is turned into the equivalent Converse request and answered by
 * {@link ConverseResponder}, so both APIs agree on replies, tool calls, reasoning, caching and tokens.
 *
 * <p>As Bedrock does, InvokeModel reports usage in response headers ({@code X-Amzn-Bedrock-Input-Token-Count},
 * {@code -Output-Token-Count}, {@code -Invocation-Latency}, and {@code -Cache-Read-Input-Token-Count} /
 * {@code -Cache-Write-Input-Token-Count} when not zero), while the stream appends
 * {@code amazon-bedrock-invocationMetrics} to its last provider event. Both echo the
 * {@code X-Amzn-Bedrock-PerformanceConfig-Latency} and {@code X-Amzn-Bedrock-Service-Tier} request headers.
 * Stream chunks are {@code :event-type chunk} frames whose JSON holds the provider event in base64
 * ({@code {"bytes":"..."}}), padded like Bedrock's.
 */
final class InvokeModelResponder {

    static final String INPUT_TOKENS_HEADER = "X-Amzn-Bedrock-Input-Token-Count";
    static final String OUTPUT_TOKENS_HEADER = "X-Amzn-Bedrock-Output-Token-Count";
    static final String LATENCY_HEADER = "X-Amzn-Bedrock-Invocation-Latency";
    static final String CACHE_READ_HEADER = "X-Amzn-Bedrock-Cache-Read-Input-Token-Count";
    static final String CACHE_WRITE_HEADER = "X-Amzn-Bedrock-Cache-Write-Input-Token-Count";

    /** Request headers Bedrock answers with the value it applied; the simulator applies what was asked. */
    private static final List<String> ECHOED_HEADERS =
            List.of("X-Amzn-Bedrock-PerformanceConfig-Latency", "X-Amzn-Bedrock-Service-Tier");

    private final JsonMapper json;
    private final ConverseValidator validator;
    private final ConverseResponder responder;
    private final ConverseStreamResponder converseStream;
    private final EventStreamSender sender;
    private final AnthropicRequestTranslator anthropicRequests;
    private final AnthropicMessagesResponder anthropicResponses;
    private final NovaMessages nova;
    private final EmbeddingsResponder embeddings;

    InvokeModelResponder(
            JsonMapper json,
            ConverseValidator validator,
            ConverseResponder responder,
            ConverseStreamResponder converseStream,
            EventStreamSender sender) {
        this.json = json;
        this.validator = validator;
        this.responder = responder;
        this.converseStream = converseStream;
        this.sender = sender;
        this.anthropicRequests = new AnthropicRequestTranslator(json);
        this.anthropicResponses = new AnthropicMessagesResponder(json);
        this.nova = new NovaMessages(json);
        this.embeddings = new EmbeddingsResponder(json);
    }

    /**
     * An InvokeModel answer.
     *
     * @param body the provider's response JSON
     * @param headers the response headers beyond Content-Type and the request id
     */
    record Invoked(byte[] body, Map<String, String> headers) {}

    static boolean isClaude(String modelId) {
        return modelId.contains(ReasoningResponder.ANTHROPIC);
    }

    /** Checks an InvokeModel body for this model and returns the equivalent Converse request. */
    ObjectNode converseRequest(String modelId, String body) {
        ObjectNode request = validator.parseObject(body);
        if (isClaude(modelId)) {
            AnthropicMessagesValidator.validate(request);
            return anthropicRequests.toConverse(request);
        }
        if (modelId.contains(NovaMessages.NOVA)) {
            return nova.toConverse(request);
        }
        throw FaultException.malformed(
                "#: the Bedrock simulator knows the InvokeModel body of Anthropic Claude and Amazon Nova models only");
    }

    /** Answers InvokeModel. */
    Invoked invoke(String modelId, Headers requestHeaders, String body, long startNanos) {
        if (EmbeddingsResponder.handles(modelId)) {
            Invoked embedded = embeddings.invoke(modelId, validator.parseObject(body));
            embedded.headers().put(LATENCY_HEADER, Long.toString(elapsedMs(startNanos)));
            return embedded;
        }
        ObjectNode request = converseRequest(modelId, body);
        long latencyMs = elapsedMs(startNanos);
        ConverseResponder.Answered answered = responder.answer(modelId, request, latencyMs);
        ObjectNode response = isClaude(modelId)
                ? anthropicResponses.message(modelId, messageId(), answered)
                : nova.response(answered.response());
        Map<String, String> headers = echoed(requestHeaders);
        JsonNode usage = answered.response().path("usage");
        headers.put(
                INPUT_TOKENS_HEADER, Integer.toString(usage.path("inputTokens").asInt()));
        headers.put(
                OUTPUT_TOKENS_HEADER,
                Integer.toString(usage.path("outputTokens").asInt()));
        headers.put(LATENCY_HEADER, Long.toString(latencyMs));
        putIfNotZero(
                headers, CACHE_READ_HEADER, usage.path("cacheReadInputTokens").asInt(0));
        putIfNotZero(
                headers, CACHE_WRITE_HEADER, usage.path("cacheWriteInputTokens").asInt(0));
        return new Invoked(json.writeValueAsBytes(response), headers);
    }

    /** Answers InvokeModelWithResponseStream; a request that fails validation throws before anything is sent. */
    void stream(HttpExchange exchange, String modelId, String body, long startNanos) throws IOException {
        ObjectNode request = converseRequest(modelId, body);
        long latencyMs = elapsedMs(startNanos);
        ConverseResponder.Answered answered = responder.answer(modelId, request, latencyMs);
        ObjectNode metrics = invocationMetrics(answered.response().path("usage"), latencyMs);
        List<StreamEvent> events = isClaude(modelId)
                ? anthropicResponses.events(anthropicResponses.message(modelId, messageId(), answered), metrics)
                : nova.events(converseStream.events(answered.response()), answered.response(), metrics);
        Map<String, String> headers = echoed(exchange.getRequestHeaders());
        headers.put("X-Amzn-Bedrock-Content-Type", "application/json");
        sender.send(exchange, modelId, headers, events, (event, padding) -> {
            ObjectNode chunk = json.createObjectNode()
                    .put("bytes", Base64.getEncoder().encodeToString(json.writeValueAsBytes(event.payload())));
            if (padding != null) {
                // Bedrock pads the chunk itself, next to "bytes"; the provider event inside stays untouched.
                chunk.put("p", padding);
            }
            return EventStreamFrames.event("chunk", json.writeValueAsBytes(chunk));
        });
    }

    /** Bedrock's {@code amazon-bedrock-invocationMetrics}; the cache counts only when the cache was used. */
    private ObjectNode invocationMetrics(JsonNode usage, long latencyMs) {
        ObjectNode metrics = json.createObjectNode()
                .put("inputTokenCount", usage.path("inputTokens").asInt())
                .put("outputTokenCount", usage.path("outputTokens").asInt())
                .put("invocationLatency", latencyMs)
                // Everything is computed before the first byte is sent, so the first byte comes at the end.
                .put("firstByteLatency", latencyMs);
        int read = usage.path("cacheReadInputTokens").asInt(0);
        int write = usage.path("cacheWriteInputTokens").asInt(0);
        if (read + write > 0) {
            metrics.put("cacheReadInputTokenCount", read).put("cacheWriteInputTokenCount", write);
        }
        return metrics;
    }

    private static Map<String, String> echoed(Headers requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ECHOED_HEADERS) {
            String value = requestHeaders.getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static void putIfNotZero(Map<String, String> headers, String name, int value) {
        if (value != 0) {
            headers.put(name, Integer.toString(value));
        }
    }

    /** Like Bedrock's Claude message ids: {@code msg_bdrk_01} and 24 more characters. */
    private static String messageId() {
        return "msg_bdrk_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
