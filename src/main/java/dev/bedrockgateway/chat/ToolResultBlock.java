package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The result of a tool call, sent back to the model in a user turn.
 *
 * @param toolUseId the ID of the call this answers
 * @param content what the tool returned
 * @param status {@code success} or {@code error}, or null when not said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResultBlock(
        String toolUseId, List<Content> content, @Nullable String status) {

    public ToolResultBlock {
        content = List.copyOf(content);
    }

    /**
     * One piece of a tool result, a union: exactly one member is set.
     *
     * @param text text output
     * @param json structured output
     * @param image an image
     * @param document a document
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(
            @Nullable String text,
            @Nullable JsonNode json,
            @Nullable ImageBlock image,
            @Nullable DocumentBlock document) {

        /** Text output. */
        public static Content text(String text) {
            return new Content(text, null, null, null);
        }
    }
}
