package dev.bedrockgateway.live;

import java.util.Arrays;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;

/** The requests the live tests send to both sides: short prompts and small token limits, to keep the cost tiny. */
final class LiveRequests {

    /** The one tool the tests offer. */
    static final String WEATHER_TOOL = "get_weather";

    /** A prompt any model answers at length, so that a small {@code maxTokens} always cuts the answer. */
    static final String LONG_ANSWER_PROMPT = "Count from one to fifty in English words, separated by spaces.";

    private LiveRequests() {}

    static Message user(String text) {
        return Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build();
    }

    static Message assistant(String text) {
        return Message.builder()
                .role(ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(text))
                .build();
    }

    static Message message(ConversationRole role, ContentBlock... content) {
        return Message.builder().role(role).content(Arrays.asList(content)).build();
    }

    /** One user question, answered with at most {@code maxTokens} tokens. */
    static ConverseRequest ask(String modelId, String question, int maxTokens) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .messages(user(question))
                .inferenceConfig(c -> c.maxTokens(maxTokens))
                .build();
    }

    /** {@code get_weather(city: string)}, with {@code city} required. */
    static Tool weatherTool() {
        Document city = Document.mapBuilder()
                .putString("type", "string")
                .putString("description", "The name of the city")
                .build();
        Document schema = Document.mapBuilder()
                .putString("type", "object")
                .putDocument(
                        "properties",
                        Document.mapBuilder().putDocument("city", city).build())
                .putList("required", list -> list.addString("city"))
                .build();
        return Tool.fromToolSpec(spec -> spec.name(WEATHER_TOOL)
                .description("Current weather in a city")
                .inputSchema(input -> input.json(schema)));
    }

    /** The weather tool, offered without forcing it. */
    static ToolConfiguration weatherToolOffered() {
        return ToolConfiguration.builder().tools(weatherTool()).build();
    }

    /** A question the model must answer by calling the weather tool ({@code toolChoice.tool}). */
    static ConverseRequest forcedWeatherCall(String modelId) {
        ToolChoice forced = ToolChoice.fromTool(tool -> tool.name(WEATHER_TOOL));
        return ConverseRequest.builder()
                .modelId(modelId)
                .messages(user("What is the weather in Paris?"))
                // Room for the whole tool call: a cut-off call would stop for max_tokens instead of tool_use.
                .inferenceConfig(c -> c.maxTokens(200))
                .toolConfig(t -> t.tools(weatherTool()).toolChoice(forced))
                .build();
    }

    /** The same request as ConverseStream. */
    static ConverseStreamRequest asStream(ConverseRequest request) {
        return ConverseStreamRequest.builder()
                .modelId(request.modelId())
                .messages(request.messages())
                .system(request.system())
                .inferenceConfig(request.inferenceConfig())
                .toolConfig(request.toolConfig())
                .build();
    }
}
