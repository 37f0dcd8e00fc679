package dev.bedrockgateway.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Stored responses ({@code gateway.responses.*}).
 *
 * @param ttl how long a stored response can be read or continued
 * @param maxStored the most responses kept in memory across tenants, the oldest going first (Redis keeps every one
 *     until its TTL)
 * @param maxBytes the largest conversation stored; a longer one is answered but not stored, and its response says so
 */
@ConfigurationProperties("gateway.responses")
public record ConversationProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("10000") int maxStored,
        @DefaultValue("4MB") DataSize maxBytes) {

    public ConversationProperties {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("gateway.responses.ttl must be at least 1s");
        }
        if (maxStored < 1) {
            throw new IllegalArgumentException("gateway.responses.max-stored must be at least 1");
        }
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("gateway.responses.max-bytes must be positive");
        }
    }
}
