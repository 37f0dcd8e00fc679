package dev.bedrockgateway.chat;

/** A stream in flight. */
public interface ChatStream {

    /** The model ID Bedrock is streaming from (after any self-healing retry). */
    String bedrockModelId();

    /** Stops the upstream Bedrock stream, e.g. because the caller went away; no further events are delivered. */
    void cancel();
}
