package dev.bedrockgateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MemoryConversationStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private MemoryConversationStore store(int maxStored, long maxBytes) {
        return new MemoryConversationStore(
                clock,
                Duration.ofMinutes(10),
                maxStored,
                maxBytes,
                JsonMapper.builder().build());
    }

    private static StoredConversation conversation(String id, String text) {
        return new StoredConversation(
                id, List.of(new Message(Role.USER, List.of(ContentBlock.text(text)))), "{\"id\":\"" + id + "\"}");
    }

    @Test
    void aTenantFindsOnlyItsOwnResponses() {
        MemoryConversationStore store = store(10, 10_000);
        store.put("alpha", conversation("resp_1", "alpha's"));

        assertThat(store.get("alpha", "resp_1")).isPresent();
        assertThat(store.get("beta", "resp_1")).isEmpty();
        assertThat(store.delete("beta", "resp_1")).isFalse();
        assertThat(store.get("alpha", "resp_1")).isPresent();
    }

    @Test
    void aResponseExpiresAfterItsTtl() {
        MemoryConversationStore store = store(10, 10_000);
        store.put("alpha", conversation("resp_1", "hi"));

        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        assertThat(store.get("alpha", "resp_1")).isPresent();
        now.addAndGet(1);
        assertThat(store.get("alpha", "resp_1")).isEmpty();
    }

    @Test
    void theOldestResponseGoesFirstWhenTheStoreIsFull() {
        MemoryConversationStore store = store(2, 10_000);
        store.put("alpha", conversation("resp_1", "one"));
        store.put("beta", conversation("resp_2", "two"));
        store.put("alpha", conversation("resp_3", "three"));

        assertThat(store.get("alpha", "resp_1")).isEmpty();
        assertThat(store.get("beta", "resp_2")).isPresent();
        assertThat(store.get("alpha", "resp_3")).isPresent();
    }

    @Test
    void aConversationLargerThanTheLimitIsNotStored() {
        MemoryConversationStore store = store(10, 200);

        assertThat(store.put("alpha", conversation("resp_1", "x".repeat(300)))).isFalse();
        assertThat(store.get("alpha", "resp_1")).isEmpty();
        assertThat(store.put("alpha", conversation("resp_2", "short"))).isTrue();
    }
}
