package dev.bedrockgateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Bedrock APIs a model answers on, as the catalog and {@code GET /v1/models} name them. */
public enum ModelApi {
    /** Converse and ConverseStream. */
    @JsonProperty("converse")
    CONVERSE,
    /** InvokeModel with an Anthropic Messages body. */
    @JsonProperty("invoke-messages")
    INVOKE_MESSAGES,
    /** Bedrock's OpenAI-compatible Chat Completions endpoint. */
    @JsonProperty("chat-completions")
    CHAT_COMPLETIONS,
    /** Bedrock's OpenAI-compatible Responses endpoint. */
    @JsonProperty("responses")
    RESPONSES,
    /** InvokeModel with an embeddings body. */
    @JsonProperty("embeddings")
    EMBEDDINGS
}
