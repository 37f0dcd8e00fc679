package dev.bedrockgateway.simulator;

import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a Converse request body the way Bedrock does, with Bedrock-like messages, so the gateway's
 * error handling can be exercised without AWS. It checks only what Bedrock rejects with a
 * {@code ValidationException} and that a gateway can plausibly get wrong; everything else is accepted.
 * Content blocks, tools and extended thinking are checked by {@link ContentBlockValidator},
 * {@link ToolConfigValidator} and {@link ReasoningResponder}.
 */
final class ConverseValidator {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "messages",
            "system",
            "inferenceConfig",
            "toolConfig",
            "guardrailConfig",
            "additionalModelRequestFields",
            "additionalModelResponseFieldPaths",
            "promptVariables",
            "requestMetadata",
            "performanceConfig",
            "serviceTier",
            "outputConfig");

    private static final List<String> SYSTEM_MEMBERS = List.of("text", "guardContent", "cachePoint");

    private final JsonMapper json;

    ConverseValidator(JsonMapper json) {
        this.json = json;
    }

    /**
     * Parses and validates the body of a request to this model, returning it as an object or throwing a
     * {@link FaultException}.
     */
    ObjectNode validate(String modelId, String body) {
        ObjectNode request = parseObject(body);
        for (String key : request.propertyNames()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw FaultException.malformed("extraneous key [" + key + "] is not permitted");
            }
        }
        validateMessages(request.get("messages"));
        validateSystem(request.get("system"));
        validateInferenceConfig(request.get("inferenceConfig"));
        ToolConfigValidator.validate(request.get("toolConfig"), request.get("messages"));
        ReasoningResponder.validate(modelId, request);
        return request;
    }

    /** Parses a request body that must be a JSON object, as every Bedrock Runtime body is. */
    ObjectNode parseObject(String body) {
        if (body.isBlank()) {
            // The SDK always sends at least "{}"; treat an empty body the same way.
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw FaultException.malformed("the request body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw FaultException.malformed("expected type: JSONObject, found: " + node.getNodeType());
        }
        return object;
    }

    private static void validateMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw FaultException.constraint("null", "messages", "Member must not be null");
        }
        if (!messages.isArray()) {
            throw FaultException.malformed("messages must be a list");
        }
        if (messages.isEmpty()) {
            throw FaultException.constraint("[]", "messages", "Member must have length greater than or equal to 1");
        }
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw FaultException.malformed("messages." + i + " must be an object");
            }
            String role = validateRole(message.get("role"), i);
            if (i == 0 && !"user".equals(role)) {
                throw FaultException.validation("A conversation must start with a user message. "
                        + "Try again with a conversation that starts with a user message.");
            }
            if (role.equals(previousRole)) {
                throw FaultException.validation("A conversation must alternate between user and assistant roles. "
                        + "Make sure the conversation alternates between user and assistant roles and try again.");
            }
            previousRole = role;
            validateContent(message.get("content"), i, role);
        }
    }

    private static String validateRole(JsonNode role, int index) {
        String path = "messages." + (index + 1) + ".member.role";
        if (role == null || role.isNull()) {
            throw FaultException.constraint("null", path, "Member must not be null");
        }
        String value = role.isString() ? role.stringValue() : role.toString();
        if (!"user".equals(value) && !"assistant".equals(value)) {
            throw FaultException.constraint(
                    "'" + value + "'", path, "Member must satisfy enum value set: [user, assistant]");
        }
        return value;
    }

    private static void validateContent(JsonNode content, int messageIndex, String role) {
        if (content == null || content.isNull()) {
            throw FaultException.constraint(
                    "null", "messages." + (messageIndex + 1) + ".member.content", "Member must not be null");
        }
        if (!content.isArray()) {
            throw FaultException.malformed("messages." + messageIndex + ".content must be a list");
        }
        if (content.isEmpty()) {
            throw FaultException.validation("The content field in the Message object at messages." + messageIndex
                    + " is empty. Add a ContentBlock object to the content field and try again.");
        }
        for (int j = 0; j < content.size(); j++) {
            ContentBlockValidator.validate(content.get(j), BlockLocation.contentBlock(messageIndex, j), role);
        }
    }

    private static void validateSystem(JsonNode system) {
        if (system == null || system.isNull()) {
            return;
        }
        if (!system.isArray()) {
            throw FaultException.malformed("system must be a list");
        }
        for (int i = 0; i < system.size(); i++) {
            BlockLocation at = BlockLocation.listItem("system", i);
            JsonNode block = system.get(i);
            String member = ShapeChecks.singleMember(block, at, SYSTEM_MEMBERS, "SystemContentBlock");
            if ("text".equals(member)) {
                ContentBlockValidator.validateText(block.get(member), at, "SystemContentBlock");
            } else if ("cachePoint".equals(member)) {
                ContentBlockValidator.validateCachePoint(block.get(member), at.child(member));
            }
        }
    }

    private static void validateInferenceConfig(JsonNode config) {
        if (config == null || config.isNull()) {
            return;
        }
        if (!config.isObject()) {
            throw FaultException.malformed("inferenceConfig must be an object");
        }
        JsonNode maxTokens = config.get("maxTokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
                throw FaultException.malformed("inferenceConfig.maxTokens must be an integer");
            }
            if (maxTokens.intValue() < 1) {
                throw FaultException.constraint(
                        "'" + maxTokens.intValue() + "'",
                        "inferenceConfig.maxTokens",
                        "Member must have value greater than or equal to 1");
            }
        }
        JsonNode stops = config.get("stopSequences");
        if (stops == null || stops.isNull()) {
            return;
        }
        if (!stops.isArray() || !stops.valueStream().allMatch(JsonNode::isString)) {
            throw FaultException.malformed("inferenceConfig.stopSequences must be a list of strings");
        }
        if (stops.size() > 4) {
            throw FaultException.constraint(
                    stops.toString(),
                    "inferenceConfig.stopSequences",
                    "Member must have length less than or equal to 4");
        }
    }
}
