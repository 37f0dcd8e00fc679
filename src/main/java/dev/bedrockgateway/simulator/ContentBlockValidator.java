package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.ShapeChecks.base64;
import static dev.bedrockgateway.simulator.ShapeChecks.object;
import static dev.bedrockgateway.simulator.ShapeChecks.optionalEnum;
import static dev.bedrockgateway.simulator.ShapeChecks.optionalString;
import static dev.bedrockgateway.simulator.ShapeChecks.required;
import static dev.bedrockgateway.simulator.ShapeChecks.requiredEnum;
import static dev.bedrockgateway.simulator.ShapeChecks.requiredList;
import static dev.bedrockgateway.simulator.ShapeChecks.requiredName;
import static dev.bedrockgateway.simulator.ShapeChecks.requiredString;
import static dev.bedrockgateway.simulator.ShapeChecks.singleMember;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks one content block of a Converse message, and the cache points that also appear in system
 * blocks and tool lists, the way Bedrock does. Block kinds the simulator does not model (video, audio,
 * guardContent, ...) are accepted as they are.
 */
final class ContentBlockValidator {

    /** ContentBlock union members as of SDK 2.57.8. */
    static final List<String> CONTENT_MEMBERS = List.of(
            "text",
            "image",
            "document",
            "video",
            "audio",
            "toolUse",
            "toolResult",
            "guardContent",
            "cachePoint",
            "reasoningContent",
            "citationsContent",
            "searchResult",
            "toolAddition",
            "toolRemoval");

    private static final List<String> IMAGE_FORMATS = List.of("png", "jpeg", "gif", "webp");
    private static final List<String> DOCUMENT_FORMATS =
            List.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md");
    private static final List<String> IMAGE_SOURCES = List.of("bytes", "s3Location");
    private static final List<String> DOCUMENT_SOURCES = List.of("bytes", "s3Location", "text", "content");
    private static final List<String> TOOL_RESULT_MEMBERS =
            List.of("text", "json", "image", "document", "video", "searchResult");
    private static final List<String> TOOL_RESULT_STATUSES = List.of("success", "error");
    private static final List<String> REASONING_MEMBERS = List.of("reasoningText", "redactedContent");
    private static final List<String> CACHE_POINT_TYPES = List.of("default");
    private static final List<String> CACHE_POINT_TTLS = List.of("5m", "1h");
    private static final int MAX_DOCUMENT_NAME_LENGTH = 200;
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9](/.*)?");

    private ContentBlockValidator() {}

    /** Checks {@code block}, found in a message of this role ({@code user} or {@code assistant}). */
    static void validate(JsonNode block, BlockLocation at, String role) {
        String member = singleMember(block, at, CONTENT_MEMBERS, "ContentBlock");
        JsonNode value = block.get(member);
        BlockLocation inner = at.child(member);
        switch (member) {
            case "text" -> validateText(value, at, "ContentBlock");
            case "image" -> {
                userOnly(member, at, role);
                validateImage(value, inner);
            }
            case "document" -> {
                userOnly(member, at, role);
                validateDocument(value, inner);
            }
            case "toolUse" -> validateToolUse(value, inner);
            case "toolResult" -> validateToolResult(value, inner);
            case "reasoningContent" -> validateReasoning(value, inner);
            case "cachePoint" -> validateCachePoint(value, inner);
            default -> {
                // Other block kinds are not modelled by the simulator; Bedrock's checks on them are skipped.
            }
        }
    }

    /** A text member of a ContentBlock or SystemContentBlock: a string that is not blank. */
    static void validateText(JsonNode text, BlockLocation block, String shape) {
        if (!text.isString()) {
            throw FaultException.malformed(block.plain() + ".text must be a string");
        }
        if (text.stringValue().isBlank()) {
            throw FaultException.validation("The text field in the " + shape + " object at " + block.plain()
                    + " is blank. Add text to the text field, and try again.");
        }
    }

    /** {@code {type: "default", ttl?: "5m"|"1h"}}. */
    static void validateCachePoint(JsonNode cachePoint, BlockLocation at) {
        object(cachePoint, at);
        requiredEnum(cachePoint, "type", at, CACHE_POINT_TYPES);
        optionalEnum(cachePoint, "ttl", at, CACHE_POINT_TTLS);
    }

    private static void userOnly(String member, BlockLocation at, String role) {
        if (!"user".equals(role)) {
            throw FaultException.validation("The " + member + " block at " + at.plain() + " is in an " + role
                    + " message, but images and documents are only allowed in user messages. Move the block to"
                    + " a user message and try again.");
        }
    }

    private static void validateImage(JsonNode image, BlockLocation at) {
        object(image, at);
        requiredEnum(image, "format", at, IMAGE_FORMATS);
        validateSource(required(image, "source", at), at.child("source"), IMAGE_SOURCES, "ImageSource");
    }

    private static void validateDocument(JsonNode document, BlockLocation at) {
        object(document, at);
        requiredEnum(document, "format", at, DOCUMENT_FORMATS);
        String name = requiredString(document, "name", at);
        if (name.isEmpty() || name.length() > MAX_DOCUMENT_NAME_LENGTH) {
            throw FaultException.constraint(
                    "'" + name + "'",
                    at.child("name").member(),
                    name.isEmpty()
                            ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to " + MAX_DOCUMENT_NAME_LENGTH);
        }
        validateSource(required(document, "source", at), at.child("source"), DOCUMENT_SOURCES, "DocumentSource");
    }

    private static void validateSource(JsonNode source, BlockLocation at, List<String> members, String shape) {
        String member = singleMember(source, at, members, shape);
        JsonNode value = source.get(member);
        BlockLocation inner = at.child(member);
        if ("bytes".equals(member)) {
            base64(value, inner);
        } else if ("s3Location".equals(member)) {
            object(value, inner);
            String uri = requiredString(value, "uri", inner);
            if (!S3_URI.matcher(uri).matches()) {
                throw FaultException.constraint(
                        "'" + uri + "'",
                        inner.child("uri").member(),
                        "Member must satisfy regular expression pattern: " + S3_URI.pattern());
            }
            optionalString(value, "bucketOwner", inner);
        }
    }

    private static void validateToolUse(JsonNode toolUse, BlockLocation at) {
        object(toolUse, at);
        requiredName(toolUse, "toolUseId", at);
        requiredName(toolUse, "name", at);
        // Any JSON value is a valid document, but the member itself is required.
        required(toolUse, "input", at);
    }

    private static void validateToolResult(JsonNode toolResult, BlockLocation at) {
        object(toolResult, at);
        requiredName(toolResult, "toolUseId", at);
        JsonNode content = requiredList(toolResult, "content", at);
        optionalEnum(toolResult, "status", at, TOOL_RESULT_STATUSES);
        if (content.isEmpty() && "error".equals(toolResult.path("status").asString(""))) {
            throw FaultException.validation(
                    "The content field at " + at.plain() + " cannot be empty when status value is error.");
        }
        for (int k = 0; k < content.size(); k++) {
            BlockLocation item = at.item("content", k);
            JsonNode block = content.get(k);
            String member = singleMember(block, item, TOOL_RESULT_MEMBERS, "ToolResultContentBlock");
            JsonNode value = block.get(member);
            switch (member) {
                case "text" -> requiredString(block, "text", item);
                case "json" -> {
                    if (!value.isObject()) {
                        throw FaultException.validation("The format of the value at " + item.plain()
                                + ".json is invalid. Provide a json object for the field and try again.");
                    }
                }
                case "image" -> validateImage(value, item.child("image"));
                case "document" -> validateDocument(value, item.child("document"));
                default -> {
                    // Video and search results are not modelled by the simulator.
                }
            }
        }
    }

    private static void validateReasoning(JsonNode reasoning, BlockLocation at) {
        String member = singleMember(reasoning, at, REASONING_MEMBERS, "ReasoningContentBlock");
        JsonNode value = reasoning.get(member);
        BlockLocation inner = at.child(member);
        if ("redactedContent".equals(member)) {
            base64(value, inner);
            return;
        }
        object(value, inner);
        requiredString(value, "text", inner);
        optionalString(value, "signature", inner);
    }
}
