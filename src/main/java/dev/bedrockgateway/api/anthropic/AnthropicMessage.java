package dev.bedrockgateway.api.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An Anthropic Messages response body, also the {@code message} of a stream's {@code message_start}.
 *
 * @param id message ID, {@code msg_...}
 * @param type always {@code message}
 * @param role always {@code assistant}
 * @param model the model as the caller wrote it
 * @param content the answer's blocks
 * @param stopReason why generation stopped; null only in {@code message_start}, and written as null there
 * @param stopSequence the stop sequence that matched; always null, as Converse does not say which one did
 * @param usage token counts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AnthropicMessage(
        String id,
        String type,
        String role,
        String model,
        List<AnthropicContentBlock> content,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String stopReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String stopSequence,
        Usage usage) {

    public AnthropicMessage {
        content = List.copyOf(content);
    }

    /**
     * Token counts, as Anthropic counts them: {@code input_tokens} excludes the prompt tokens read from or written
     * to the cache, which is also how Converse counts them.
     *
     * @param inputTokens prompt tokens outside the cache
     * @param cacheCreationInputTokens prompt tokens written to the cache
     * @param cacheReadInputTokens prompt tokens read from the cache
     * @param outputTokens generated tokens
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(int inputTokens, int cacheCreationInputTokens, int cacheReadInputTokens, int outputTokens) {

        /** Nothing counted yet: what {@code message_start} carries, as Converse reports usage only at the end. */
        static final Usage NONE = new Usage(0, 0, 0, 0);
    }
}
