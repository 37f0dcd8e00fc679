package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.chat.ToolConfig;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTier;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/** Maps a core request to the SDK's {@link ConverseRequest}; pure. */
final class ConverseRequestMapper {

    private ConverseRequestMapper() {}

    static ConverseRequest toSdk(String bedrockModelId, ChatRequest request) {
        ConverseRequest.Builder builder =
                ConverseRequest.builder().modelId(bedrockModelId).messages(messages(request));
        // The SDK serialises an explicitly set empty list as [], which Bedrock rejects for some fields.
        if (!request.system().isEmpty()) {
            builder.system(system(request));
        }
        if (request.toolConfig() != null) {
            builder.toolConfig(tools(request.toolConfig()));
        }
        InferenceConfig config = request.inferenceConfig();
        if (config != null && config.hasSettings()) {
            builder.inferenceConfig(inference(config));
        }
        if (request.additionalModelRequestFields() != null) {
            builder.additionalModelRequestFields(Documents.toDocument(request.additionalModelRequestFields()));
        }
        if (!request.additionalModelResponseFieldPaths().isEmpty()) {
            builder.additionalModelResponseFieldPaths(request.additionalModelResponseFieldPaths());
        }
        if (!request.requestMetadata().isEmpty()) {
            builder.requestMetadata(request.requestMetadata());
        }
        if (request.serviceTier() != null) {
            builder.serviceTier(
                    ServiceTier.builder().type(request.serviceTier()).build());
        }
        return builder.build();
    }

    /** The same request for ConverseStream, whose SDK type differs but whose fields are the same. */
    static ConverseStreamRequest toSdkStream(String bedrockModelId, ChatRequest request) {
        ConverseRequest converse = toSdk(bedrockModelId, request);
        return ConverseStreamRequest.builder()
                .modelId(converse.modelId())
                .messages(converse.messages())
                .system(converse.hasSystem() ? converse.system() : null)
                .toolConfig(converse.toolConfig())
                .inferenceConfig(converse.inferenceConfig())
                .additionalModelRequestFields(converse.additionalModelRequestFields())
                .additionalModelResponseFieldPaths(
                        converse.hasAdditionalModelResponseFieldPaths()
                                ? converse.additionalModelResponseFieldPaths()
                                : null)
                .requestMetadata(converse.hasRequestMetadata() ? converse.requestMetadata() : null)
                .serviceTier(converse.serviceTier())
                .build();
    }

    private static List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages(ChatRequest request) {
        return request.messages().stream().map(ConverseRequestMapper::message).toList();
    }

    private static List<SystemContentBlock> system(ChatRequest request) {
        return request.system().stream().map(ConverseRequestMapper::system).toList();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.Message message(Message message) {
        return software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                .role(
                        switch (message.role()) {
                            case USER -> ConversationRole.USER;
                            case ASSISTANT -> ConversationRole.ASSISTANT;
                        })
                .content(message.content().stream()
                        .map(ContentBlockMapper::toSdk)
                        .toList())
                .build();
    }

    private static SystemContentBlock system(SystemBlock block) {
        return block.cachePoint() != null
                ? SystemContentBlock.fromCachePoint(ContentBlockMapper.cachePoint(block.cachePoint()))
                : SystemContentBlock.fromText(block.text());
    }

    /** A tool entry is a union: a tool spec or a cache point. */
    private static Tool tool(ToolConfig.Tool tool) {
        ToolConfig.ToolSpec spec = tool.toolSpec();
        if (spec == null) {
            return Tool.fromCachePoint(ContentBlockMapper.cachePoint(Objects.requireNonNull(tool.cachePoint())));
        }
        return Tool.fromToolSpec(ToolSpecification.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(ToolInputSchema.fromJson(
                        Documents.toDocument(spec.inputSchema().json())))
                .build());
    }

    private static ToolConfiguration tools(ToolConfig config) {
        List<Tool> tools =
                config.tools().stream().map(ConverseRequestMapper::tool).toList();
        return ToolConfiguration.builder()
                .tools(tools)
                .toolChoice(toolChoice(config.toolChoice()))
                .build();
    }

    private static @Nullable ToolChoice toolChoice(ToolConfig.@Nullable ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        if (choice.tool() != null) {
            return ToolChoice.fromTool(
                    SpecificToolChoice.builder().name(choice.tool().name()).build());
        }
        return choice.any() != null
                ? ToolChoice.fromAny(AnyToolChoice.builder().build())
                : ToolChoice.fromAuto(AutoToolChoice.builder().build());
    }

    private static InferenceConfiguration inference(InferenceConfig config) {
        return InferenceConfiguration.builder()
                .maxTokens(config.maxTokens())
                .temperature(
                        config.temperature() == null
                                ? null
                                : config.temperature().floatValue())
                .topP(config.topP() == null ? null : config.topP().floatValue())
                .stopSequences(config.stopSequences())
                .build();
    }
}
