package dev.bedrockgateway.simulator;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The generic shape checks of Bedrock's request layer (unions, required members, enums, name patterns,
 * base64 blobs), each failing with the wording Bedrock uses, so the specific validators stay short.
 */
final class ShapeChecks {

    /** Tool names and tool-use ids: {@code [a-zA-Z0-9_-]+}, 1 to 64 characters. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    private static final int MAX_NAME_LENGTH = 64;

    private ShapeChecks() {}

    /**
     * The one member set in a union object, checked as Bedrock checks a ContentBlock: none set, or more
     * than one set, is an error naming the union's shape. Unknown extra keys are tolerated, not counted.
     */
    static String singleMember(JsonNode union, BlockLocation at, List<String> members, String shape) {
        if (union == null || !union.isObject()) {
            throw FaultException.malformed(at.plain() + " must be an object");
        }
        List<String> present = members.stream()
                .filter(m -> union.has(m) && !union.get(m).isNull())
                .toList();
        if (present.isEmpty()) {
            throw FaultException.validation("The " + shape + " object at " + at.plain()
                    + " must set one of the following keys: " + String.join(", ", members) + ".");
        }
        if (present.size() > 1) {
            throw FaultException.validation("Only one of the following keys can be set in the " + shape + " object at "
                    + at.plain() + ": " + String.join(", ", present) + ".");
        }
        return present.get(0);
    }

    /** The structure member {@code name}, which must be present and not null. */
    static JsonNode required(JsonNode parent, String name, BlockLocation at) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw FaultException.constraint("null", at.child(name).member(), "Member must not be null");
        }
        return value;
    }

    /** A required string member. */
    static String requiredString(JsonNode parent, String name, BlockLocation at) {
        return string(required(parent, name, at), at.child(name));
    }

    /** An optional string member, or {@code null} when it is absent. */
    static @Nullable String optionalString(JsonNode parent, String name, BlockLocation at) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : string(value, at.child(name));
    }

    /** A required list member. */
    static JsonNode requiredList(JsonNode parent, String name, BlockLocation at) {
        JsonNode value = required(parent, name, at);
        if (!value.isArray()) {
            throw FaultException.malformed(at.child(name).plain() + " must be a list");
        }
        return value;
    }

    /** An object member that must be present, as union members (image, toolUse, ...) must be. */
    static void object(JsonNode value, BlockLocation at) {
        if (!value.isObject()) {
            throw FaultException.malformed(at.plain() + " must be an object");
        }
    }

    /** A required string member that must be one of the allowed values. */
    static String requiredEnum(JsonNode parent, String name, BlockLocation at, List<String> allowed) {
        String value = requiredString(parent, name, at);
        checkEnum(value, at.child(name), allowed);
        return value;
    }

    /** An optional string member that, when present, must be one of the allowed values. */
    static void optionalEnum(JsonNode parent, String name, BlockLocation at, List<String> allowed) {
        String value = optionalString(parent, name, at);
        if (value != null) {
            checkEnum(value, at.child(name), allowed);
        }
    }

    /** A required tool name or tool-use id: {@code [a-zA-Z0-9_-]+}, 1 to 64 characters. */
    static String requiredName(JsonNode parent, String name, BlockLocation at) {
        String value = requiredString(parent, name, at);
        String path = at.child(name).member();
        if (value.isEmpty()) {
            throw FaultException.constraint("''", path, "Member must have length greater than or equal to 1");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw FaultException.constraint(
                    "'" + value + "'", path, "Member must have length less than or equal to " + MAX_NAME_LENGTH);
        }
        if (!NAME.matcher(value).matches()) {
            throw FaultException.constraint(
                    "'" + value + "'", path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+");
        }
        return value;
    }

    /** A blob member: rest-json sends binary data as a base64 string, which must decode. */
    static void base64(JsonNode value, BlockLocation at) {
        String text = string(value, at);
        try {
            Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw FaultException.malformed(at.plain() + " is not valid base64");
        }
    }

    private static String string(JsonNode value, BlockLocation at) {
        if (!value.isString()) {
            throw FaultException.malformed(at.plain() + " must be a string");
        }
        return value.stringValue();
    }

    private static void checkEnum(String value, BlockLocation at, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw FaultException.constraint(
                    "'" + value + "'",
                    at.member(),
                    "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
    }
}
