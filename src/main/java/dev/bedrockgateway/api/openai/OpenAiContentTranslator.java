package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.DocumentBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.DataUrls;
import dev.bedrockgateway.media.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Translates OpenAI message content (a string or a list of parts) into Converse blocks; pure apart from
 * the {@link ImageSource} it is given for image URLs.
 */
final class OpenAiContentTranslator {

    /** OpenAI {@code file} parts Bedrock can read as documents, by media type. */
    private static final Map<String, String> DOCUMENT_FORMATS = Map.of(
            "application/pdf",
            "pdf",
            "text/csv",
            "csv",
            "text/plain",
            "txt",
            "text/markdown",
            "md",
            "text/html",
            "html",
            "application/msword",
            "doc",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
            "application/vnd.ms-excel",
            "xls",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx");

    private OpenAiContentTranslator() {}

    /** The text of content that may only hold text (system, developer, assistant and tool messages). */
    static List<String> texts(@Nullable JsonNode content, String field) {
        List<String> texts = new ArrayList<>();
        JsonNode parts = parts(content, field);
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String partField = field + ".content[" + j + "]";
            String type = part.path("type").asString("");
            // An assistant's refusal is text it said; sending it back keeps the conversation faithful.
            if (!"text".equals(type) && !"refusal".equals(type)) {
                throw GatewayException.invalid(
                        partField + ".type",
                        type.isEmpty()
                                ? partField + " needs a type, e.g. {\"type\":\"text\",\"text\":\"...\"}"
                                : partField + ".type '" + type + "' is not supported here; use text");
            }
            texts.add(text(part.path(type), partField + "." + type));
        }
        return texts;
    }

    /** A user message's blocks: text, images and files. */
    static List<ContentBlock> userContent(@Nullable JsonNode content, String field, ImageSource images) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode parts = parts(content, field);
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String partField = field + ".content[" + j + "]";
            String type = part.path("type").asString("");
            blocks.add(
                    switch (type) {
                        case "text" -> ContentBlock.text(text(part.path("text"), partField + ".text"));
                        case "image_url" ->
                            ContentBlock.image(images.resolve(
                                    text(part.path("image_url").path("url"), partField + ".image_url.url"),
                                    partField + ".image_url.url"));
                        case "file" -> ContentBlock.document(document(part.path("file"), partField + ".file"));
                        case "" ->
                            throw GatewayException.invalid(
                                    partField + ".type",
                                    partField + " needs a type, e.g. {\"type\":\"text\",\"text\":\"...\"}");
                        default ->
                            throw GatewayException.invalid(
                                    partField + ".type",
                                    partField + ".type '" + type + "' is not supported; use text, image_url or file");
                    });
        }
        return blocks;
    }

    /** The content as a list of parts: a plain string reads as one text part. */
    private static JsonNode parts(@Nullable JsonNode content, String field) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            throw GatewayException.invalid(field + ".content", field + ".content is required");
        }
        if (content.isString()) {
            return JsonNodeFactory.instance
                    .arrayNode()
                    .add(JsonNodeFactory.instance
                            .objectNode()
                            .put("type", "text")
                            .put("text", content.stringValue()));
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(
                    field + ".content", field + ".content must be a string or a list of content parts");
        }
        return content;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isString()) {
            throw GatewayException.invalid(field, field + " must be a string");
        }
        return node.stringValue();
    }

    private static DocumentBlock document(JsonNode file, String field) {
        if (file.has("file_id")) {
            throw GatewayException.invalid(
                    field + ".file_id",
                    field + ".file_id is not supported: this gateway has "
                            + "no file store; send the file inline as file_data");
        }
        String data = text(file.path("file_data"), field + ".file_data");
        int comma = data.indexOf(',');
        String header = comma < 0 || !data.startsWith("data:") ? "" : data.substring(5, comma);
        if (!header.endsWith(";base64")) {
            throw GatewayException.invalid(
                    field + ".file_data",
                    field + ".file_data must be a base64 data URL such as data:application/pdf;base64,...");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        String format = DOCUMENT_FORMATS.get(mediaType);
        if (format == null) {
            throw GatewayException.invalid(
                    field + ".file_data",
                    field + ".file_data has media type '" + mediaType + "', which Bedrock cannot read as a document");
        }
        byte[] bytes = DataUrls.decodeBase64(data.substring(comma + 1), field + ".file_data");
        return new DocumentBlock(
                format, documentName(file.path("filename").asString("document")), MediaSource.bytes(bytes));
    }

    /**
     * A name Bedrock accepts: letters, digits, single spaces, hyphens, parentheses and square brackets. The
     * extension goes, as the format says it already.
     */
    static String documentName(String filename) {
        int dot = filename.lastIndexOf('.');
        String base = dot > 0 ? filename.substring(0, dot) : filename;
        String cleaned = base.replaceAll("[^a-zA-Z0-9\\s()\\[\\]-]", "-")
                .replaceAll("\\s+", " ")
                .strip();
        return cleaned.isEmpty() ? "document" : cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
