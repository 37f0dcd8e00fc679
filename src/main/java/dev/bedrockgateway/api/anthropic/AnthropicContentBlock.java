package dev.bedrockgateway.api.anthropic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One content block of the Messages API, a union told apart by {@code type}: {@code text}, {@code image},
 * {@code document}, {@code tool_use}, {@code tool_result}, {@code thinking}, {@code redacted_thinking}, and on
 * input any other type Anthropic may add (bound so it can be refused by name rather than failing to parse). One
 * flat record, as the core's {@code ContentBlock}; only the members of its type are set, and only those are
 * written. A plain string where blocks are expected reads as one text block.
 *
 * @param type the block type
 * @param text text ({@code text})
 * @param source the media ({@code image}, {@code document})
 * @param title the document's title ({@code document})
 * @param context context about the document, for the model ({@code document})
 * @param citations citation settings or citations; bound only to refuse them
 * @param id the tool call's ID ({@code tool_use})
 * @param name the tool's name ({@code tool_use})
 * @param input the tool call's input object ({@code tool_use})
 * @param toolUseId the call a result answers ({@code tool_result})
 * @param content the result: a string or text, image and document blocks ({@code tool_result})
 * @param isError whether the tool failed ({@code tool_result})
 * @param thinking the reasoning text ({@code thinking})
 * @param signature the provider's proof that the reasoning is unchanged ({@code thinking})
 * @param data encrypted reasoning ({@code redacted_thinking})
 * @param cacheControl a prompt-cache breakpoint after this block
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnthropicContentBlock(
        @Nullable String type,
        @Nullable String text,
        @Nullable Source source,
        @Nullable String title,
        @Nullable String context,
        @Nullable JsonNode citations,
        @Nullable String id,
        @Nullable String name,
        @Nullable JsonNode input,
        @Nullable String toolUseId,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<AnthropicContentBlock> content,

        @Nullable Boolean isError,
        @Nullable String thinking,
        @Nullable String signature,
        @Nullable String data,
        @Nullable CacheControl cacheControl) {

    /** Jackson's constructor for objects; named explicitly because a second creator, for strings, follows. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public AnthropicContentBlock {}

    /** A plain string where blocks are expected: one text block, as the Messages API reads it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AnthropicContentBlock fromString(String text) {
        return text(text);
    }

    /** A text block. */
    static AnthropicContentBlock text(String text) {
        return new AnthropicContentBlock(
                "text", text, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A tool call; the input is empty at the start of a streamed call. */
    static AnthropicContentBlock toolUse(String id, String name, JsonNode input) {
        return new AnthropicContentBlock(
                "tool_use", null, null, null, null, null, id, name, input, null, null, null, null, null, null, null);
    }

    /** A tool call as a stream starts it: its input comes in deltas. */
    static AnthropicContentBlock toolUseStart(String id, String name) {
        return toolUse(id, name, JsonNodeFactory.instance.objectNode());
    }

    /** Readable reasoning with its signature (empty while a stream has not sent it yet). */
    static AnthropicContentBlock thinking(String thinking, String signature) {
        return new AnthropicContentBlock(
                "thinking",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                thinking,
                signature,
                null,
                null);
    }

    /** Encrypted reasoning. */
    static AnthropicContentBlock redactedThinking(String data) {
        return new AnthropicContentBlock(
                "redacted_thinking",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                data,
                null);
    }

    /**
     * Where an image or document comes from: {@code base64} (and {@code text} for documents) carry it inline;
     * {@code url}, {@code file} and {@code content} are bound so they can be refused by name.
     *
     * @param type base64, text, url, file or content
     * @param mediaType e.g. {@code image/png}, {@code application/pdf}, {@code text/plain}
     * @param data base64 bytes ({@code base64}) or the text itself ({@code text})
     * @param url the URL ({@code url})
     * @param fileId an Anthropic Files API ID ({@code file})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(
            @Nullable String type,
            @Nullable String mediaType,
            @Nullable String data,
            @Nullable String url,
            @Nullable String fileId) {

        /** Jackson's constructor for objects; named explicitly because a second creator, for strings, follows. */
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Source {}

        /**
         * A bare string, as a {@code search_result} block names its source: read as an untyped URL so that the
         * block parses and can be refused by its type, rather than failing the whole body.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Source fromString(String source) {
            return new Source(null, null, null, source, null);
        }
    }

    /**
     * A prompt-cache breakpoint.
     *
     * @param type always {@code ephemeral}
     * @param ttl 5m or 1h, or null for the default five minutes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CacheControl(
            @Nullable String type, @Nullable String ttl) {}
}
