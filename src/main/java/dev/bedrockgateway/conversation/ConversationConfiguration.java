package dev.bedrockgateway.conversation;

import dev.bedrockgateway.limits.LimitsProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The conversation store: in Redis when the limits are held there, so that every replica sees it, else in memory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class ConversationConfiguration {

    @Bean
    ConversationStore conversationStore(
            ConversationProperties properties,
            LimitsProperties limits,
            Clock clock,
            JsonMapper json,
            ObjectProvider<StringRedisTemplate> redis) {
        if (limits.store() == LimitsProperties.Store.REDIS) {
            return new RedisConversationStore(
                    redis.getObject(),
                    json,
                    limits.redisKeyPrefix() + ":",
                    properties.ttl(),
                    properties.maxBytes().toBytes());
        }
        return new MemoryConversationStore(
                clock,
                properties.ttl(),
                properties.maxStored(),
                properties.maxBytes().toBytes(),
                json);
    }
}
