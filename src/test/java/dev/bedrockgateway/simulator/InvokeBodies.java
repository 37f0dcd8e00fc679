package dev.bedrockgateway.simulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * InvokeModel bodies (Anthropic Messages for Claude, {@code messages-v1} for Nova) and the real SDK calls that
 * send them, for the InvokeModel, InvokeModelWithResponseStream and CountTokens tests.
 */
final class InvokeBodies {

    /** A cross-region profile id, as a gateway routes Claude. */
    static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    /** The base model id inside it: what CountTokens takes. */
    static final String CLAUDE_BASE = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    static final String NOVA = "us.amazon.nova-lite-v1:0";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InvokeBodies() {}

    /** An Anthropic Messages body with one user text and room for 512 tokens. */
    static ObjectNode claude(String userText) {
        ObjectNode body = JSON.createObjectNode()
                .put("anthropic_version", "bedrock-2023-05-31")
                .put("max_tokens", 512);
        userText(body.putArray("messages"), userText);
        return body;
    }

    /** Appends a user message with one text block. */
    static ObjectNode userText(ArrayNode messages, String text) {
        ObjectNode message = messages.addObject().put("role", "user");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        return message;
    }

    /** A Nova {@code messages-v1} body with a system text and one user text. */
    static ObjectNode nova(String system, String userText) {
        ObjectNode body = JSON.createObjectNode().put("schemaVersion", "messages-v1");
        body.putArray("system").addObject().put("text", system);
        body.putArray("messages")
                .addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("text", userText);
        body.putObject("inferenceConfig").put("maxTokens", 300);
        return body;
    }

    /** A tool in Anthropic's shape: {@code weather} with a string city and an integer days. */
    static ObjectNode weatherTool() {
        ObjectNode tool = JSON.createObjectNode().put("name", "weather").put("description", "Get the weather");
        ObjectNode properties =
                tool.putObject("input_schema").put("type", "object").putObject("properties");
        properties.putObject("city").put("type", "string");
        properties.putObject("days").put("type", "integer");
        return tool;
    }

    static SdkBytes bytes(JsonNode body) {
        return SdkBytes.fromByteArray(JSON.writeValueAsBytes(body));
    }

    static JsonNode json(SdkBytes bytes) {
        return JSON.readTree(bytes.asByteArray());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static InvokeModelResponse invoke(BedrockRuntimeAsyncClient client, String modelId, JsonNode body) {
        return client.invokeModel(b -> b.modelId(modelId)
                        .contentType("application/json")
                        .accept("application/json")
                        .body(bytes(body)))
                .join();
    }

    /**
     * What one InvokeModelWithResponseStream call delivered.
     *
     * @param events the provider events, decoded from each chunk's bytes, in order
     * @param response the initial response, or null if the call failed before it
     * @param call the call, complete once the stream ended
     */
    record Streamed(
            List<JsonNode> events,
            AtomicReference<InvokeModelWithResponseStreamResponse> response,
            CompletableFuture<Void> call) {}

    /** Starts an InvokeModelWithResponseStream call; join {@link Streamed#call()} to wait for its end. */
    static Streamed stream(BedrockRuntimeAsyncClient client, String modelId, JsonNode body) {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        AtomicReference<InvokeModelWithResponseStreamResponse> response = new AtomicReference<>();
        CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                b -> b.modelId(modelId).contentType("application/json").body(bytes(body)),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .onResponse(response::set)
                        .subscriber((ResponseStream event) -> events.add(json(((PayloadPart) event).bytes())))
                        .build());
        return new Streamed(events, response, call);
    }

    /** The events of a stream that ended normally. */
    static List<JsonNode> streamed(BedrockRuntimeAsyncClient client, String modelId, JsonNode body) {
        Streamed streamed = stream(client, modelId, body);
        streamed.call().join();
        return streamed.events();
    }
}
