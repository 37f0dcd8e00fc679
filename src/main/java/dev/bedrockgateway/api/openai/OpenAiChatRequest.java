package dev.bedrockgateway.api.openai;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI Chat Completions request body. Fields the gateway does not use are ignored, as OpenAI's
 * own SDKs send several optional ones.
 *
 * @param model the model name as the caller wrote it
 * @param messages the conversation
 * @param maxTokens legacy output limit
 * @param maxCompletionTokens current output limit; wins over {@code max_tokens}
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param stop a stop string or a list of them
 * @param stream whether the caller asked for server-sent events
 * @param streamOptions streaming options
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OpenAiChatRequest(
        @Nullable String model,
        @Nullable List<OpenAiMessage> messages,
        @Nullable Integer maxTokens,
        @Nullable Integer maxCompletionTokens,
        @Nullable Double temperature,
        @Nullable Double topP,
        @Nullable JsonNode stop,
        @Nullable Boolean stream,
        @Nullable StreamOptions streamOptions) {

    /**
     * OpenAI's {@code stream_options}.
     *
     * @param includeUsage whether to send a usage chunk before {@code [DONE]}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StreamOptions(@Nullable Boolean includeUsage) {
    }
}
