package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.chat.ChatResponse;

/** Translates a core response into a Converse response body; pure. */
public final class ConverseResponseTranslator {

    private ConverseResponseTranslator() {}

    /** The Converse body for a core answer. */
    public static ConverseResponseBody toBody(ChatResponse response) {
        return new ConverseResponseBody(
                new ConverseResponseBody.Output(response.output()),
                response.stopReason(),
                response.usage(),
                new ConverseResponseBody.Metrics(response.latencyMs()),
                response.additionalModelResponseFields());
    }
}
