package dev.bedrockgateway.api.anthropic;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An Anthropic Messages request body. Unknown fields are ignored: Claude Code and the SDKs send many
 * ({@code service_tier}, {@code context_management}, ...) that a Converse answer has no use for. Fields whose
 * meaning the gateway cannot honour on Converse are bound only so they can be refused by name.
 *
 * @param model the model as the caller wrote it
 * @param messages the conversation
 * @param system the system prompt: a string, or text blocks (a string reads as one text block)
 * @param maxTokens most tokens to generate; required, as on Anthropic
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param topK sample only from the top K tokens
 * @param stopSequences texts that end generation
 * @param tools the tools the model may call
 * @param toolChoice how the model must choose a tool
 * @param thinking extended thinking settings
 * @param metadata caller metadata; ignored
 * @param stream whether the caller asked for server-sent events
 * @param container a code-execution container; refused (it lives on Anthropic's side)
 * @param mcpServers remote MCP servers for Anthropic to call; refused (Anthropic's MCP connector)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnthropicRequest(
        @Nullable String model,
        @Nullable List<Message> messages,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<AnthropicContentBlock> system,

        @Nullable Integer maxTokens,
        @Nullable Double temperature,
        @Nullable Double topP,
        @Nullable Integer topK,
        @Nullable List<String> stopSequences,
        @Nullable List<Tool> tools,
        @Nullable ToolChoice toolChoice,
        @Nullable Thinking thinking,
        @Nullable Metadata metadata,
        @Nullable Boolean stream,
        @Nullable JsonNode container,
        @Nullable JsonNode mcpServers) {

    /**
     * One conversation turn.
     *
     * @param role user or assistant
     * @param content a string (one text block) or a list of content blocks
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(
            @Nullable String role,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<AnthropicContentBlock> content) {}

    /**
     * A tool definition: a custom tool (no type, or {@code custom}) or one of Anthropic's own tools, which have a
     * versioned type such as {@code web_search_20250305} or {@code bash_20250124}.
     *
     * @param type the tool type; null or {@code custom} for a tool the caller defines
     * @param name the name the model calls it by
     * @param description what it does, for the model
     * @param inputSchema the JSON schema of its input
     * @param cacheControl a prompt-cache breakpoint after this tool
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tool(
            @Nullable String type,
            @Nullable String name,
            @Nullable String description,
            @Nullable JsonNode inputSchema,
            AnthropicContentBlock.@Nullable CacheControl cacheControl) {}

    /**
     * How the model chooses a tool.
     *
     * @param type auto, any, tool or none
     * @param name the tool, for type tool
     * @param disableParallelToolUse accepted and ignored: Converse has no such switch, and a model that makes one
     *     call where several were allowed still answers correctly
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolChoice(
            @Nullable String type,
            @Nullable String name,
            @Nullable Boolean disableParallelToolUse) {}

    /**
     * Extended thinking settings.
     *
     * @param type enabled, disabled or adaptive
     * @param budgetTokens the thinking budget, for type enabled
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thinking(@Nullable String type, @Nullable Integer budgetTokens) {}

    /**
     * Caller metadata. Ignored: Anthropic uses {@code user_id} to detect abuse, and Bedrock has no field that
     * means the same (its request metadata is for the account's own invocation logs, with stricter value rules).
     *
     * @param userId an opaque user identifier
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(@Nullable String userId) {}
}
