package dev.bedrockgateway.conversation;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored responses in Redis, so that any replica can read or continue one: one key a response,
 * {@code <prefix>{<tenant>}:response:<id>}, holding the conversation as JSON and expiring after the TTL. A tenant's
 * own ID is part of the key, so it can never read another's.
 */
final class RedisConversationStore implements ConversationStore {

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final Duration ttl;
    private final long maxBytes;

    RedisConversationStore(StringRedisTemplate redis, JsonMapper json, String prefix, Duration ttl, long maxBytes) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean put(String tenant, StoredConversation conversation) {
        String value = json.writeValueAsString(conversation);
        if (value.length() > maxBytes) {
            return false;
        }
        try {
            redis.opsForValue().set(key(tenant, conversation.id()), value, ttl);
        } catch (DataAccessException e) {
            throw unavailable();
        }
        return true;
    }

    @Override
    public Optional<StoredConversation> get(String tenant, String id) {
        String stored;
        try {
            stored = redis.opsForValue().get(key(tenant, id));
        } catch (DataAccessException e) {
            throw unavailable();
        }
        return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, StoredConversation.class));
    }

    @Override
    public boolean delete(String tenant, String id) {
        try {
            return Boolean.TRUE.equals(redis.delete(key(tenant, id)));
        } catch (DataAccessException e) {
            throw unavailable();
        }
    }

    /** Redis does not answer: the caller may try again; nothing of its conversation is lost or shown to another. */
    private static GatewayException unavailable() {
        return GatewayException.refused(
                ErrorKind.OVERLOADED,
                "conversation_store_unavailable",
                "Stored responses cannot be reached right now; retry shortly",
                Duration.ofSeconds(1));
    }

    private String key(String tenant, String id) {
        return prefix + "{" + tenant + "}:response:" + id;
    }
}
