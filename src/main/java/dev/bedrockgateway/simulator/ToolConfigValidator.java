package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.ShapeChecks.object;
import static dev.bedrockgateway.simulator.ShapeChecks.optionalString;
import static dev.bedrockgateway.simulator.ShapeChecks.required;
import static dev.bedrockgateway.simulator.ShapeChecks.requiredName;
import static dev.bedrockgateway.simulator.ShapeChecks.singleMember;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code toolConfig} and the tool rules Bedrock enforces across the conversation: tool blocks
 * need a tool configuration, and every tool use of an assistant turn must be answered, by id, with a
 * tool result in the very next user message. Runs after each block was checked on its own.
 */
final class ToolConfigValidator {

    private static final List<String> TOOL_MEMBERS = List.of("toolSpec", "systemTool", "cachePoint");
    private static final List<String> CHOICE_MEMBERS = List.of("auto", "any", "tool");
    private static final BlockLocation TOOL_CONFIG = new BlockLocation("toolConfig", "toolConfig");

    private ToolConfigValidator() {}

    /** Checks the tool configuration (possibly absent) against the conversation in {@code messages}. */
    static void validate(JsonNode toolConfig, JsonNode messages) {
        boolean absent = toolConfig == null || toolConfig.isNull();
        if (absent && usesTools(messages)) {
            throw FaultException.validation(
                    "The toolConfig field must be defined when using toolUse and toolResult content blocks.");
        }
        if (!absent) {
            validateToolConfig(toolConfig);
        }
        validateToolTurns(messages);
    }

    private static void validateToolConfig(JsonNode toolConfig) {
        object(toolConfig, TOOL_CONFIG);
        JsonNode tools = required(toolConfig, "tools", TOOL_CONFIG);
        if (!tools.isArray()) {
            throw FaultException.malformed("toolConfig.tools must be a list");
        }
        if (tools.isEmpty()) {
            throw FaultException.constraint(
                    "[]", "toolConfig.tools", "Member must have length greater than or equal to 1");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            BlockLocation at = BlockLocation.listItem("toolConfig.tools", i);
            JsonNode tool = tools.get(i);
            String member = singleMember(tool, at, TOOL_MEMBERS, "Tool");
            if ("toolSpec".equals(member)) {
                String name = validateToolSpec(tool.get(member), at.child(member));
                if (!names.add(name)) {
                    throw FaultException.validation("The toolConfig.tools field has more than one tool named " + name
                            + ". Give each tool a unique name and try again.");
                }
            } else if ("cachePoint".equals(member)) {
                ContentBlockValidator.validateCachePoint(tool.get(member), at.child(member));
            }
        }
        JsonNode choice = toolConfig.get("toolChoice");
        if (choice != null && !choice.isNull()) {
            validateToolChoice(choice, names);
        }
    }

    /** Checks one tool specification and returns its name. */
    private static String validateToolSpec(JsonNode spec, BlockLocation at) {
        object(spec, at);
        String name = requiredName(spec, "name", at);
        String description = optionalString(spec, "description", at);
        if (description != null && description.isEmpty()) {
            throw FaultException.constraint(
                    "''", at.child("description").member(), "Member must have length greater than or equal to 1");
        }
        BlockLocation schemaAt = at.child("inputSchema");
        JsonNode inputSchema = required(spec, "inputSchema", at);
        singleMember(inputSchema, schemaAt, List.of("json"), "ToolInputSchema");
        JsonNode schema = inputSchema.get("json");
        if (!schema.isObject() || !"object".equals(schema.path("type").asString(""))) {
            throw FaultException.validation(
                    "The value at " + schemaAt.plain() + ".json.type must be one of the following: object.");
        }
        return name;
    }

    private static void validateToolChoice(JsonNode choice, Set<String> toolNames) {
        BlockLocation at = TOOL_CONFIG.child("toolChoice");
        if (!"tool".equals(singleMember(choice, at, CHOICE_MEMBERS, "ToolChoice"))) {
            return;
        }
        BlockLocation toolAt = at.child("tool");
        object(choice.get("tool"), toolAt);
        String name = requiredName(choice.get("tool"), "name", toolAt);
        if (!toolNames.contains(name)) {
            throw FaultException.validation("The tool " + name + " in toolConfig.toolChoice.tool isn't defined in"
                    + " toolConfig.tools. Define the tool or choose another tool and try again.");
        }
    }

    private static boolean usesTools(JsonNode messages) {
        for (JsonNode message : messages) {
            for (JsonNode block : message.path("content")) {
                if (block.has("toolUse") || block.has("toolResult")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Pairs each user message's tool results with the tool uses of the assistant turn just before it. A
     * result for an id that turn did not use is reported before the uses that went unanswered, so a
     * mistyped id is named as such rather than as a missing result.
     */
    private static void validateToolTurns(JsonNode messages) {
        List<String> pendingUses = List.of();
        for (int n = 0; n < messages.size(); n++) {
            JsonNode message = messages.get(n);
            JsonNode content = message.path("content");
            if ("assistant".equals(message.path("role").asString(""))) {
                pendingUses = ids(content, "toolUse");
                continue;
            }
            List<String> results = ids(content, "toolResult");
            if (results.size() > pendingUses.size()) {
                throw FaultException.validation("The number of toolResult blocks at messages." + n
                        + ".content exceeds the number of toolUse blocks of previous turn.");
            }
            for (int m = 0; m < content.size(); m++) {
                JsonNode result = content.get(m).get("toolResult");
                if (result != null
                        && !pendingUses.contains(result.path("toolUseId").asString(""))) {
                    throw FaultException.validation("messages." + n + ".content." + m
                            + ".toolResult.toolUseId: unexpected tool use id "
                            + result.path("toolUseId").asString("")
                            + ". Each toolResult block must have a corresponding toolUse block in the previous turn.");
                }
            }
            List<String> missing = new ArrayList<>(pendingUses);
            missing.removeAll(results);
            if (!missing.isEmpty()) {
                throw FaultException.validation("Expected toolResult blocks at messages." + n
                        + ".content for the following Ids: " + String.join(", ", missing));
            }
            pendingUses = List.of();
        }
    }

    /** The ids of the blocks of this kind ({@code toolUse} or {@code toolResult}) in a message's content. */
    private static List<String> ids(JsonNode content, String kind) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : content) {
            JsonNode value = block.get(kind);
            if (value != null) {
                ids.add(value.path("toolUseId").asString(""));
            }
        }
        return ids;
    }
}
