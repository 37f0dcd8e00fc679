package dev.bedrockgateway.chat;

/** The API style a call arrived in; a bounded metrics and log tag. */
public enum ApiSurface {
    /** OpenAI Chat Completions, on {@code /v1/chat/completions} or {@code /v1/chat}. */
    OPENAI("openai"),
    /** Converse-style JSON on {@code /v1/chat}. */
    CONVERSE("converse"),
    /** Bedrock Runtime's own wire format on {@code /model/{modelId}/converse*}. */
    BEDROCK_WIRE("bedrock-wire");

    private final String tag;

    ApiSurface(String tag) {
        this.tag = tag;
    }

    /** The tag value, e.g. {@code bedrock-wire}. */
    public String tag() {
        return tag;
    }
}
