package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.chat.CachePoint;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.DocumentBlock;
import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.SystemBlock;
import dev.bedrockgateway.chat.ToolResultBlock;
import dev.bedrockgateway.chat.ToolUseBlock;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.DataUrls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Translates Messages content blocks into Converse blocks; pure. A {@code cache_control} breakpoint becomes a
 * cache point right after its block. Media must be inline: the gateway never fetches a URL for this surface, and
 * has no file store.
 */
final class AnthropicContentTranslator {

    private static final Map<String, String> IMAGE_FORMATS =
            Map.of("image/png", "png", "image/jpeg", "jpeg", "image/gif", "gif", "image/webp", "webp");
    private static final String SUPPORTED_TYPES =
            "text, image, document, tool_use, tool_result, thinking and redacted_thinking";

    private AnthropicContentTranslator() {}

    /** A turn's blocks; {@code field} names the message, e.g. {@code messages[2]}. */
    static List<ContentBlock> content(List<AnthropicContentBlock> blocks, String field) {
        List<ContentBlock> out = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            AnthropicContentBlock block = blocks.get(j);
            String blockField = field + ".content[" + j + "]";
            String type = block.type() == null ? "" : block.type();
            switch (type) {
                case "text" -> out.add(ContentBlock.text(text(block, blockField)));
                case "image" -> out.add(ContentBlock.image(image(block.source(), blockField + ".source")));
                case "document" -> {
                    refuseCitations(block, blockField);
                    // Converse has no field for a document's context: it reaches the model as text beside it.
                    if (block.context() != null && !block.context().isBlank()) {
                        out.add(ContentBlock.text(block.context()));
                    }
                    out.add(ContentBlock.document(document(block, blockField)));
                }
                case "tool_use" -> out.add(ContentBlock.toolUse(toolUse(block, blockField)));
                case "tool_result" -> out.add(ContentBlock.toolResult(toolResult(block, blockField)));
                case "thinking" ->
                    out.add(ContentBlock.reasoning(new ReasoningBlock(
                            new ReasoningBlock.ReasoningText(
                                    required(block.thinking(), blockField + ".thinking"), block.signature()),
                            null)));
                case "redacted_thinking" ->
                    out.add(ContentBlock.reasoning(new ReasoningBlock(
                            null,
                            DataUrls.decodeBase64(
                                    required(block.data(), blockField + ".data"), blockField + ".data"))));
                case "" -> throw GatewayException.invalid(blockField + ".type", blockField + ".type: Field required");
                default ->
                    throw GatewayException.invalid(
                            blockField + ".type",
                            blockField + ".type '" + type + "' is not supported: this model answers through Bedrock's"
                                    + " Converse API, which carries " + SUPPORTED_TYPES + " blocks only (server tools,"
                                    + " MCP and search results run on Anthropic's side)");
            }
            CachePoint checkpoint = cachePoint(block.cacheControl(), blockField);
            if (checkpoint == null) {
                checkpoint = nestedCachePoint(block, blockField);
            }
            if (checkpoint != null) {
                out.add(ContentBlock.checkpoint(checkpoint));
            }
        }
        return out;
    }

    /** The system prompt: text blocks, with a cache point after each that asks for one; blank text is left out. */
    static List<SystemBlock> system(@Nullable List<AnthropicContentBlock> blocks) {
        List<SystemBlock> out = new ArrayList<>();
        if (blocks == null) {
            return out;
        }
        for (int j = 0; j < blocks.size(); j++) {
            AnthropicContentBlock block = blocks.get(j);
            String field = "system[" + j + "]";
            if (!"text".equals(block.type())) {
                throw GatewayException.invalid(
                        field + ".type", field + ".type must be 'text': a system prompt holds text blocks only");
            }
            String text = text(block, field);
            if (!text.isBlank()) {
                out.add(SystemBlock.text(text));
            }
            CachePoint checkpoint = cachePoint(block.cacheControl(), field);
            if (checkpoint != null) {
                out.add(new SystemBlock(null, checkpoint));
            }
        }
        return out;
    }

    /**
     * The cache point a block's breakpoint asks for, with its TTL, or null when it asks for none; only
     * {@code ephemeral} exists.
     */
    static @Nullable CachePoint cachePoint(AnthropicContentBlock.@Nullable CacheControl cacheControl, String field) {
        if (cacheControl == null) {
            return null;
        }
        if (!"ephemeral".equals(cacheControl.type())) {
            throw GatewayException.invalid(
                    field + ".cache_control.type", field + ".cache_control.type must be 'ephemeral'");
        }
        String ttl = cacheControl.ttl();
        if (ttl != null && !CachePoint.FIVE_MINUTES.equals(ttl) && !CachePoint.ONE_HOUR.equals(ttl)) {
            throw GatewayException.invalid(
                    field + ".cache_control.ttl", field + ".cache_control.ttl must be '5m' or '1h', not '" + ttl + "'");
        }
        return CachePoint.of(ttl);
    }

    private static String text(AnthropicContentBlock block, String field) {
        refuseCitations(block, field);
        return required(block.text(), field + ".text");
    }

    private static void refuseCitations(AnthropicContentBlock block, String field) {
        JsonNode citations = block.citations();
        boolean asked = citations != null
                && !citations.isNull()
                && !(citations.isArray() && citations.isEmpty())
                && !(citations.isObject() && !citations.path("enabled").asBoolean(false));
        if (asked) {
            throw GatewayException.invalid(
                    field + ".citations",
                    field + ".citations: citations are not supported: Bedrock's Converse API, which serves this"
                            + " model, returns no citations");
        }
    }

    private static ImageBlock image(AnthropicContentBlock.@Nullable Source source, String field) {
        if (source == null) {
            throw GatewayException.invalid(field, field + ": Field required");
        }
        requireBase64(source, field, "image");
        String mediaType = required(source.mediaType(), field + ".media_type");
        String format = IMAGE_FORMATS.get(mediaType);
        if (format == null) {
            throw GatewayException.invalid(
                    field + ".media_type",
                    field + ".media_type '" + mediaType
                            + "' is not supported; use image/jpeg, image/png, image/gif or image/webp");
        }
        return new ImageBlock(format, MediaSource.bytes(base64(source, field)));
    }

    private static DocumentBlock document(AnthropicContentBlock block, String field) {
        AnthropicContentBlock.Source source = block.source();
        String sourceField = field + ".source";
        if (source == null) {
            throw GatewayException.invalid(sourceField, sourceField + ": Field required");
        }
        String name = documentName(block.title());
        if ("text".equals(source.type())) {
            byte[] text = required(source.data(), sourceField + ".data").getBytes(StandardCharsets.UTF_8);
            return new DocumentBlock("txt", name, MediaSource.bytes(text));
        }
        requireBase64(source, sourceField, "document");
        if (!"application/pdf".equals(source.mediaType())) {
            throw GatewayException.invalid(
                    sourceField + ".media_type",
                    sourceField + ".media_type must be 'application/pdf' for a base64 document"
                            + " (send plain text as a text source)");
        }
        return new DocumentBlock("pdf", name, MediaSource.bytes(base64(source, sourceField)));
    }

    private static void requireBase64(AnthropicContentBlock.Source source, String field, String kind) {
        String type = source.type() == null ? "" : source.type();
        String why = switch (type) {
            case "base64" -> null;
            case "url" ->
                "URL sources are not supported: the gateway does not fetch URLs; send the " + kind
                        + " inline as base64";
            case "file" ->
                "file sources are not supported: the gateway has no file store; send the " + kind + " inline as base64";
            default ->
                "source type '" + type + "' is not supported; send the " + kind + " inline as base64"
                        + ("document".equals(kind) ? " (PDF) or as a text source" : "");
        };
        if (why != null) {
            throw GatewayException.invalid(field, field + ": " + why);
        }
    }

    private static byte[] base64(AnthropicContentBlock.Source source, String field) {
        return DataUrls.decodeBase64(required(source.data(), field + ".data"), field + ".data");
    }

    private static ToolUseBlock toolUse(AnthropicContentBlock block, String field) {
        JsonNode input = block.input();
        if (input != null && !input.isNull() && !input.isObject()) {
            throw GatewayException.invalid(field + ".input", field + ".input must be an object");
        }
        return new ToolUseBlock(
                required(block.id(), field + ".id"),
                required(block.name(), field + ".name"),
                input == null || input.isNull() ? JsonNodeFactory.instance.objectNode() : input);
    }

    private static ToolResultBlock toolResult(AnthropicContentBlock block, String field) {
        String toolUseId = required(block.toolUseId(), field + ".tool_use_id");
        List<ToolResultBlock.Content> content = new ArrayList<>();
        List<AnthropicContentBlock> parts = block.content() == null ? List.of() : block.content();
        for (int k = 0; k < parts.size(); k++) {
            AnthropicContentBlock part = parts.get(k);
            String partField = field + ".content[" + k + "]";
            String type = part.type() == null ? "" : part.type();
            switch (type) {
                case "text" -> {
                    String text = text(part, partField);
                    if (!text.isBlank()) {
                        content.add(ToolResultBlock.Content.text(text));
                    }
                }
                case "image" ->
                    content.add(
                            new ToolResultBlock.Content(null, null, image(part.source(), partField + ".source"), null));
                case "document" ->
                    content.add(new ToolResultBlock.Content(null, null, null, document(part, partField)));
                default ->
                    throw GatewayException.invalid(
                            partField + ".type",
                            partField + ".type '" + type + "' is not supported in a tool result; use text, image or"
                                    + " document");
            }
        }
        // Converse refuses a result without content, but a tool that printed nothing has still answered.
        return new ToolResultBlock(
                toolUseId,
                content.isEmpty() ? List.of(ToolResultBlock.Content.text("(no output)")) : content,
                Boolean.TRUE.equals(block.isError()) ? "error" : null);
    }

    /**
     * Converse has no cache point inside a tool result, so a breakpoint on one of its blocks moves to just after
     * the result: the cached prefix then also holds the rest of that result, which the caller sends each time anyway.
     */
    private static @Nullable CachePoint nestedCachePoint(AnthropicContentBlock block, String field) {
        List<AnthropicContentBlock> parts = block.content();
        if (!"tool_result".equals(block.type()) || parts == null) {
            return null;
        }
        CachePoint last = null;
        for (int k = 0; k < parts.size(); k++) {
            CachePoint point = cachePoint(parts.get(k).cacheControl(), field + ".content[" + k + "]");
            last = point != null ? point : last;
        }
        return last;
    }

    /**
     * A name Converse accepts: letters, digits, single spaces, hyphens, parentheses and square brackets, at most
     * 200 characters; {@code document} when the caller gave no title.
     */
    private static String documentName(@Nullable String title) {
        String cleaned = title == null
                ? ""
                : title.replaceAll("[^a-zA-Z0-9\\s()\\[\\]-]", "-")
                        .replaceAll("\\s+", " ")
                        .strip();
        return cleaned.isEmpty() ? "document" : cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }

    /** The value, or a 400 saying, as Anthropic does, that the field is required. */
    static String required(@Nullable String value, String field) {
        if (value == null) {
            throw GatewayException.invalid(field, field + ": Field required");
        }
        return value;
    }
}
