package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;

/**
 * Receives a streamed answer. Calls come one at a time, in order, and the next event is only requested
 * from Bedrock after {@link #onEvent} returns: a slow caller slows the upstream stream instead of filling
 * the gateway's memory.
 */
public interface ChatStreamListener {

    /** The next event. */
    void onEvent(ChatStreamEvent event);

    /** The stream failed; no further calls follow. */
    void onError(GatewayException error);

    /** The stream ended normally; no further calls follow. */
    void onComplete();
}
