package dev.bedrockgateway.simulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request fixtures for the tool, media, reasoning and caching tests, built with the real SDK model classes. */
final class SimulatorRequests {

    static final String MODEL = "anthropic.claude-3-7-sonnet-20250219-v1:0";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatorRequests() {}

    /** A Converse request for {@link #MODEL}. */
    static ConverseRequest request(Consumer<ConverseRequest.Builder> customizer) {
        ConverseRequest.Builder builder = ConverseRequest.builder().modelId(MODEL);
        customizer.accept(builder);
        return builder.build();
    }

    /** The same request as ConverseStream. */
    static ConverseStreamRequest streamRequest(ConverseRequest request) {
        return ConverseStreamRequest.builder()
                .modelId(request.modelId())
                .messages(request.messages())
                .system(request.system())
                .toolConfig(request.toolConfig())
                .inferenceConfig(request.inferenceConfig())
                .additionalModelRequestFields(request.additionalModelRequestFields())
                .build();
    }

    /**
     * {@code weather}: city (string), days (integer), units (enum celsius|fahrenheit), detailed (boolean),
     * in that schema order.
     */
    static Tool weatherTool() {
        Document properties = Document.mapBuilder()
                .putDocument(
                        "city",
                        Document.mapBuilder().putString("type", "string").build())
                .putDocument(
                        "days",
                        Document.mapBuilder().putString("type", "integer").build())
                .putDocument(
                        "units",
                        Document.mapBuilder()
                                .putString("type", "string")
                                .putList("enum", l -> l.addString("celsius").addString("fahrenheit"))
                                .build())
                .putDocument(
                        "detailed",
                        Document.mapBuilder().putString("type", "boolean").build())
                .build();
        return tool(
                "weather",
                "Get the weather",
                Document.mapBuilder()
                        .putString("type", "object")
                        .putDocument("properties", properties)
                        .build());
    }

    /** {@code time}: no properties, so its input is always {@code {}}. */
    static Tool timeTool() {
        return tool(
                "time",
                "Get the time",
                Document.mapBuilder().putString("type", "object").build());
    }

    static Tool tool(String name, String description, Document schema) {
        return Tool.fromToolSpec(
                spec -> spec.name(name).description(description).inputSchema(input -> input.json(schema)));
    }

    static ToolConfiguration tools(Tool... tools) {
        return ToolConfiguration.builder().tools(tools).build();
    }

    /** {@code additionalModelRequestFields} enabling Anthropic's extended thinking. */
    static Document thinking(int budgetTokens) {
        return Document.mapBuilder()
                .putDocument(
                        "thinking",
                        Document.mapBuilder()
                                .putString("type", "enabled")
                                .putNumber("budget_tokens", budgetTokens)
                                .build())
                .build();
    }

    static Message user(ContentBlock... blocks) {
        return Message.builder().role(ConversationRole.USER).content(blocks).build();
    }

    static Message assistant(ContentBlock... blocks) {
        return Message.builder()
                .role(ConversationRole.ASSISTANT)
                .content(blocks)
                .build();
    }

    static ContentBlock text(String text) {
        return ContentBlock.fromText(text);
    }

    static ContentBlock toolUse(String toolUseId, String name) {
        return ContentBlock.fromToolUse(use -> use.toolUseId(toolUseId)
                .name(name)
                .input(Document.mapBuilder().putString("city", "Paris").build()));
    }

    static ContentBlock toolResult(String toolUseId, ToolResultContentBlock... content) {
        return ContentBlock.fromToolResult(result -> result.toolUseId(toolUseId).content(content));
    }

    static ContentBlock pngImage(byte[] bytes) {
        return ContentBlock.fromImage(
                image -> image.format(ImageFormat.PNG).source(source -> source.bytes(SdkBytes.fromByteArray(bytes))));
    }

    /** Runs a ConverseStream call, returning every event it delivered, in order, once it ended. */
    static List<ConverseStreamOutput> stream(BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();
        streamInto(client, request, events).join();
        return events;
    }

    /** Starts a ConverseStream call that adds each event to {@code events}. */
    static CompletableFuture<Void> streamInto(
            BedrockRuntimeAsyncClient client, ConverseStreamRequest request, List<ConverseStreamOutput> events) {
        return client.converseStream(
                request,
                ConverseStreamResponseHandler.builder().subscriber(events::add).build());
    }

    /** An SDK document as a Jackson tree, numbers by their exact text, so it compares with parsed JSON. */
    static JsonNode toJson(Document document) {
        return JSON.readTree(jsonText(document));
    }

    private static String jsonText(Document document) {
        if (document.isMap()) {
            StringBuilder text = new StringBuilder("{");
            document.asMap()
                    .forEach((key, value) -> text.append(text.length() > 1 ? "," : "")
                            .append(JSON.writeValueAsString(key))
                            .append(':')
                            .append(jsonText(value)));
            return text.append('}').toString();
        }
        if (document.isList()) {
            return document.asList().stream()
                    .map(SimulatorRequests::jsonText)
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (document.isString()) {
            return JSON.writeValueAsString(document.asString());
        }
        if (document.isNumber()) {
            return document.asNumber().stringValue();
        }
        if (document.isBoolean()) {
            return Boolean.toString(document.asBoolean());
        }
        return "null";
    }
}
