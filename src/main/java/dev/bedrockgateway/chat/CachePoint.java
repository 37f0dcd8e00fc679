package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A prompt-cache checkpoint: Bedrock may cache everything before it.
 *
 * @param type always {@code default} today
 * @param ttl how long the cached prefix lives, {@code 5m} or {@code 1h}; null is Bedrock's default, five minutes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CachePoint(String type, @Nullable String ttl) {

    /** The only checkpoint type Bedrock has, with the default lifetime. */
    public static final CachePoint DEFAULT = new CachePoint("default", null);

    /** The five-minute lifetime, Bedrock's default. */
    public static final String FIVE_MINUTES = "5m";

    /** The one-hour lifetime, which only some models take. */
    public static final String ONE_HOUR = "1h";

    /** A default checkpoint with this lifetime (null for the default one). */
    public static CachePoint of(@Nullable String ttl) {
        return ttl == null ? DEFAULT : new CachePoint("default", ttl);
    }

    /** Whether it asks for the one-hour lifetime. */
    public boolean oneHour() {
        return ONE_HOUR.equals(ttl);
    }
}
