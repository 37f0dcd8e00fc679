package dev.bedrockgateway.chat;

import tools.jackson.databind.JsonNode;

/**
 * A tool call made by the assistant.
 *
 * @param toolUseId the call's ID, quoted again by its result
 * @param name the tool's name
 * @param input the arguments, a JSON object
 */
public record ToolUseBlock(String toolUseId, String name, JsonNode input) {}
