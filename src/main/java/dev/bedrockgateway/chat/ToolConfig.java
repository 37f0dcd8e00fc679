package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The tools a model may call, as Converse's {@code toolConfig}.
 *
 * @param tools the tools (and cache checkpoints between them)
 * @param toolChoice how the model must choose, or null for the model's default (auto)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolConfig(List<Tool> tools, @Nullable ToolChoice toolChoice) {

    public ToolConfig {
        tools = List.copyOf(tools);
    }

    /**
     * One entry of the tool list, a union.
     *
     * @param toolSpec a tool
     * @param cachePoint a prompt-cache checkpoint after the tools before it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(
            @Nullable ToolSpec toolSpec, @Nullable CachePoint cachePoint) {}

    /**
     * A tool's definition.
     *
     * @param name the name the model calls it by
     * @param description what it does, for the model
     * @param inputSchema the JSON schema of its arguments
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolSpec(String name, @Nullable String description, InputSchema inputSchema) {}

    /**
     * The input schema union; Converse has only {@code json}.
     *
     * @param json a JSON schema whose top-level type is object
     */
    public record InputSchema(JsonNode json) {}

    /**
     * How the model chooses a tool, a union: exactly one member is set.
     *
     * @param auto the model decides
     * @param any the model must call some tool
     * @param tool the model must call this tool
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolChoice(
            @Nullable JsonNode auto,
            @Nullable JsonNode any,
            @Nullable SpecificTool tool) {

        /** The model decides. */
        public static ToolChoice automatic() {
            return new ToolChoice(JsonNodeFactory.instance.objectNode(), null, null);
        }

        /** The model must call a tool. */
        public static ToolChoice anyTool() {
            return new ToolChoice(null, JsonNodeFactory.instance.objectNode(), null);
        }

        /** The model must call the named tool. */
        public static ToolChoice tool(String name) {
            return new ToolChoice(null, null, new SpecificTool(name));
        }
    }

    /**
     * A named tool.
     *
     * @param name the tool's name
     */
    public record SpecificTool(String name) {}
}
