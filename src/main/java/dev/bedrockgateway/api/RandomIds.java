package dev.bedrockgateway.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random IDs for requests and completions. They only need to be unique, not unguessable, so they come from
 * {@link ThreadLocalRandom}: {@link UUID#randomUUID()} draws from one shared {@code SecureRandom} whose lock
 * every request would queue on.
 */
public final class RandomIds {

    private RandomIds() {}

    /** A random (version 4, IETF variant) UUID in its usual 36-character form. */
    public static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
