package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A function call in an assistant message, or a piece of one in a stream delta.
 *
 * @param index the call's position in the turn (stream deltas only)
 * @param id the call's ID, quoted by the {@code tool} message that answers it (first delta only when streamed)
 * @param type {@code function} (first delta only when streamed)
 * @param function the function and its arguments (a piece of them when streamed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAiToolCall(
        @Nullable Integer index,
        @Nullable String id,
        @Nullable String type,
        @Nullable FunctionCall function) {

    /** A complete call, as in a non-streamed answer. */
    static OpenAiToolCall complete(String id, String name, String arguments) {
        return new OpenAiToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    /**
     * The called function.
     *
     * @param name its name (first delta only when streamed)
     * @param arguments the arguments as a JSON string (a piece of it when streamed)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(
            @Nullable String name, @Nullable String arguments) {}
}
