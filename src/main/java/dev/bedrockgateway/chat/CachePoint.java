package dev.bedrockgateway.chat;

/**
 * A prompt-cache checkpoint: Bedrock may cache everything before it.
 *
 * @param type always {@code default} today
 */
public record CachePoint(String type) {

    /** The only checkpoint type Bedrock has. */
    public static final CachePoint DEFAULT = new CachePoint("default");
}
