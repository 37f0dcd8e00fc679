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
 */
final class ConverseValidator {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "messages", "system", "inferenceConfig", "toolConfig", "guardrailConfig",
            "additionalModelRequestFields", "additionalModelResponseFieldPaths", "promptVariables",
            "requestMetadata", "performanceConfig", "serviceTier", "outputConfig");

    /** ContentBlock union members as of SDK 2.57.8; unknown extra keys are tolerated, not counted. */
    private static final List<String> CONTENT_MEMBERS = List.of(
            "text", "image", "document", "video", "audio", "toolUse", "toolResult", "guardContent",
            "cachePoint", "reasoningContent", "citationsContent", "searchResult", "toolAddition", "toolRemoval");

    private static final String MALFORMED = "Malformed input request: %s, please reformat your input and try again.";

    private final JsonMapper json;

    ConverseValidator(JsonMapper json) {
        this.json = json;
    }

    /** Parses and validates the body, returning it as an object or throwing a {@link FaultException}. */
    ObjectNode validate(String body) {
        ObjectNode request = parseObject(body);
        for (String key : request.propertyNames()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw malformed("extraneous key [" + key + "] is not permitted");
            }
        }
        validateMessages(request.get("messages"));
        validateSystem(request.get("system"));
        validateInferenceConfig(request.get("inferenceConfig"));
        return request;
    }

    private ObjectNode parseObject(String body) {
        if (body.isBlank()) {
            // The SDK always sends at least "{}"; treat an empty body the same way.
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw malformed("the request body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw malformed("expected type: JSONObject, found: " + node.getNodeType());
        }
        return object;
    }

    private static void validateMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw constraint("null", "messages", "Member must not be null");
        }
        if (!messages.isArray()) {
            throw malformed("messages must be a list");
        }
        if (messages.isEmpty()) {
            throw constraint("[]", "messages", "Member must have length greater than or equal to 1");
        }
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw malformed("messages." + i + " must be an object");
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
            validateContent(message.get("content"), i);
        }
    }

    private static String validateRole(JsonNode role, int index) {
        String path = "messages." + (index + 1) + ".member.role";
        if (role == null || role.isNull()) {
            throw constraint("null", path, "Member must not be null");
        }
        String value = role.isString() ? role.stringValue() : role.toString();
        if (!"user".equals(value) && !"assistant".equals(value)) {
            throw constraint("'" + value + "'", path, "Member must satisfy enum value set: [user, assistant]");
        }
        return value;
    }

    private static void validateContent(JsonNode content, int messageIndex) {
        if (content == null || content.isNull()) {
            throw constraint("null", "messages." + (messageIndex + 1) + ".member.content", "Member must not be null");
        }
        if (!content.isArray()) {
            throw malformed("messages." + messageIndex + ".content must be a list");
        }
        if (content.isEmpty()) {
            throw FaultException.validation("The content field in the Message object at messages." + messageIndex
                    + " is empty. Add a ContentBlock object to the content field and try again.");
        }
        for (int j = 0; j < content.size(); j++) {
            validateBlock(content.get(j), "messages." + messageIndex + ".content." + j);
        }
    }

    private static void validateBlock(JsonNode block, String location) {
        if (!block.isObject()) {
            throw malformed(location + " must be an object");
        }
        List<String> present = CONTENT_MEMBERS.stream().filter(m -> block.has(m) && !block.get(m).isNull()).toList();
        if (present.isEmpty()) {
            throw FaultException.validation("The ContentBlock object at " + location
                    + " must set one of the following keys: " + String.join(", ", CONTENT_MEMBERS) + ".");
        }
        if (present.size() > 1) {
            throw FaultException.validation("Only one of the following keys can be set in the ContentBlock object at "
                    + location + ": " + String.join(", ", present) + ".");
        }
        JsonNode text = block.get("text");
        if (text != null) {
            if (!text.isString()) {
                throw malformed(location + ".text must be a string");
            }
            if (text.stringValue().isBlank()) {
                throw FaultException.validation("The text field in the ContentBlock object at " + location
                        + " is blank. Add text to the text field, and try again.");
            }
        }
    }

    private static void validateSystem(JsonNode system) {
        if (system == null || system.isNull()) {
            return;
        }
        if (!system.isArray()) {
            throw malformed("system must be a list");
        }
        for (int i = 0; i < system.size(); i++) {
            JsonNode text = system.get(i).get("text");
            if (text != null && (!text.isString() || text.stringValue().isBlank())) {
                throw FaultException.validation("The text field in the SystemContentBlock object at system." + i
                        + " is blank. Add text to the text field, and try again.");
            }
        }
    }

    private static void validateInferenceConfig(JsonNode config) {
        if (config == null || config.isNull()) {
            return;
        }
        if (!config.isObject()) {
            throw malformed("inferenceConfig must be an object");
        }
        JsonNode maxTokens = config.get("maxTokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
                throw malformed("inferenceConfig.maxTokens must be an integer");
            }
            if (maxTokens.intValue() < 1) {
                throw constraint("'" + maxTokens.intValue() + "'", "inferenceConfig.maxTokens",
                        "Member must have value greater than or equal to 1");
            }
        }
        JsonNode stops = config.get("stopSequences");
        if (stops == null || stops.isNull()) {
            return;
        }
        if (!stops.isArray() || !stops.valueStream().allMatch(JsonNode::isString)) {
            throw malformed("inferenceConfig.stopSequences must be a list of strings");
        }
        if (stops.size() > 4) {
            throw constraint(stops.toString(), "inferenceConfig.stopSequences",
                    "Member must have length less than or equal to 4");
        }
    }

    /** Coral's (Bedrock's request-model layer) wording for a shape constraint violation. */
    private static FaultException constraint(String value, String path, String constraint) {
        return FaultException.validation("1 validation error detected: Value " + value + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
    }

    private static FaultException malformed(String detail) {
        return FaultException.validation(String.format(MALFORMED, detail));
    }
}
