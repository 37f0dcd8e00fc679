package dev.bedrockgateway.api.openai;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An OpenAI Chat Completions request body. Fields that cannot change Bedrock's answer ({@code user},
 * {@code seed}, {@code metadata}, penalties, ...) are ignored, as OpenAI's own SDKs send several; fields
 * whose meaning the gateway cannot honour are bound here only so they can be refused by name.
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
 * @param n number of choices; Bedrock returns one
 * @param logprobs whether to return log probabilities; Bedrock has none
 * @param audio audio output settings; not supported
 * @param modalities output modalities; only text is supported
 * @param tools the functions the model may call
 * @param toolChoice {@code auto}, {@code none}, {@code required} or a named function
 * @param parallelToolCalls accepted and ignored: Bedrock models decide how many calls to make
 * @param reasoningEffort low, medium or high: extended thinking on models that have it
 * @param functions legacy function definitions; not supported
 * @param responseFormat {@code text} is accepted; JSON modes are not supported yet
 * @param serviceTier {@code auto} (the tenant's default), {@code default}, {@code flex} or {@code priority}: Bedrock's
 *     service tier of the same name
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
        @Nullable StreamOptions streamOptions,
        @Nullable Integer n,
        @Nullable Boolean logprobs,
        @Nullable JsonNode audio,
        @Nullable List<String> modalities,
        @Nullable List<OpenAiTool> tools,
        @Nullable JsonNode toolChoice,
        @Nullable Boolean parallelToolCalls,
        @Nullable String reasoningEffort,
        @Nullable JsonNode functions,
        @Nullable JsonNode responseFormat,
        @Nullable String serviceTier) {

    /**
     * OpenAI's {@code stream_options}.
     *
     * @param includeUsage whether to send a usage chunk before {@code [DONE]}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StreamOptions(@Nullable Boolean includeUsage) {}
}
