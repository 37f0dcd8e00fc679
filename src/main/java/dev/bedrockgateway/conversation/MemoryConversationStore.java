package dev.bedrockgateway.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored responses in this replica's memory: at most {@code maxStored} of at most {@code maxBytes} each (as JSON),
 * the oldest evicted first, each readable until its TTL. No lock is shared: a concurrent map and a queue of keys in the order they were stored.
 */
final class MemoryConversationStore implements ConversationStore {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxStored;
    private final long maxBytes;
    private final JsonMapper json;

    MemoryConversationStore(Clock clock, Duration ttl, int maxStored, long maxBytes, JsonMapper json) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxStored = maxStored;
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    public boolean put(String tenant, StoredConversation conversation) {
        if (json.writeValueAsBytes(conversation).length > maxBytes) {
            return false;
        }
        long now = clock.millis();
        String key = key(tenant, conversation.id());
        if (entries.put(key, new Entry(conversation, now + ttl.toMillis())) == null) {
            order.add(key);
        }
        dropStaleHead(now);
        while (entries.size() > maxStored) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            entries.remove(oldest);
        }
        return true;
    }

    /**
     * Removes from the head of the queue the keys of entries already deleted or expired (every entry lives as long,
     * so the oldest expire first), so that the queue stays as long as what is stored, not as what ever was.
     */
    private void dropStaleHead(long now) {
        for (String head = order.peek(); head != null; head = order.peek()) {
            Entry entry = entries.get(head);
            if (entry != null && entry.expiresAtMillis() > now) {
                return;
            }
            if (order.remove(head) && entry != null) {
                entries.remove(head, entry);
            }
        }
    }

    @Override
    public Optional<StoredConversation> get(String tenant, String id) {
        Entry entry = entries.get(key(tenant, id));
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key(tenant, id), entry);
            return Optional.empty();
        }
        return Optional.of(entry.conversation());
    }

    @Override
    public boolean delete(String tenant, String id) {
        return entries.remove(key(tenant, id)) != null;
    }

    /** Tenant IDs hold no '/', so the key cannot name another tenant's entry. */
    private static String key(String tenant, String id) {
        return tenant + "/" + id;
    }

    private record Entry(StoredConversation conversation, long expiresAtMillis) {}
}
