package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI {@code chat.completion.chunk}: one server-sent event of a streamed completion.
 *
 * @param id completion ID, the same in every chunk of a stream
 * @param object always {@code chat.completion.chunk}
 * @param created Unix seconds
 * @param model the model as the caller wrote it
 * @param choices one choice, or none in the final usage chunk
 * @param usage token counts, only in the usage chunk ({@code stream_options.include_usage})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAiChatCompletionChunk(
        String id,
        String object,
        long created,
        String model,
        List<Choice> choices,
        OpenAiChatCompletion.@Nullable Usage usage) {

    /**
     * A piece of the answer.
     *
     * @param index always 0
     * @param delta what is new
     * @param finishReason null until the last content chunk
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Delta delta, @Nullable String finishReason) {}

    /**
     * What is new in a chunk.
     *
     * @param role {@code assistant} in the first chunk only
     * @param content new answer text
     * @param toolCalls new pieces of function calls
     * @param reasoningContent new reasoning text
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(
            @Nullable String role,
            @Nullable String content,
            @Nullable List<OpenAiToolCall> toolCalls,
            @Nullable String reasoningContent) {

        /** Answer text (or the role, in the first chunk). */
        static Delta content(@Nullable String role, @Nullable String content) {
            return new Delta(role, content, null, null);
        }
    }
}
