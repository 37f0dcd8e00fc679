package dev.bedrockgateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.LocalRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Redis store against the real Redis (skipped, saying so, without one), and while Redis does not answer. */
class RedisConversationStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static StoredConversation conversation(String id) {
        return new StoredConversation(
                id, List.of(new Message(Role.USER, List.of(ContentBlock.text("hello")))), "{\"id\":\"" + id + "\"}");
    }

    private static RedisConversationStore store(LettuceConnectionFactory redis) {
        return new RedisConversationStore(
                new StringRedisTemplate(redis),
                JSON,
                "bgw-test-" + UUID.randomUUID() + ":",
                Duration.ofMinutes(1),
                10_000);
    }

    @Test
    void aConversationRoundTripsThroughRedisForItsTenantOnly() {
        LocalRedis.assumeAvailable();
        LettuceConnectionFactory redis = LocalRedis.connect(LocalRedis.url());
        try {
            RedisConversationStore store = store(redis);
            store.put("alpha", conversation("resp_1"));

            assertThat(store.get("alpha", "resp_1")).hasValueSatisfying(found -> {
                assertThat(found.messages().get(0).text()).isEqualTo("hello");
                assertThat(found.response()).isEqualTo("{\"id\":\"resp_1\"}");
            });
            assertThat(store.get("beta", "resp_1")).isEmpty();
            assertThat(store.delete("beta", "resp_1")).isFalse();
            assertThat(store.delete("alpha", "resp_1")).isTrue();
            assertThat(store.get("alpha", "resp_1")).isEmpty();
        } finally {
            redis.destroy();
        }
    }

    @Test
    void whileRedisDoesNotAnswerTheCallerIsToldToRetryNotGivenAnError500() {
        LettuceConnectionFactory redis = LocalRedis.connect("redis://127.0.0.1:1");
        try {
            GatewayException error = catchThrowableOfType(
                    GatewayException.class, () -> store(redis).get("alpha", "resp_1"));

            assertThat(error).isNotNull();
            assertThat(error.kind()).isEqualTo(ErrorKind.OVERLOADED);
            assertThat(error.code()).isEqualTo("conversation_store_unavailable");
        } finally {
            redis.destroy();
        }
    }
}
