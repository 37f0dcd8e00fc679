package dev.bedrockgateway.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves Spring Boot's Redis client out unless {@code gateway.limits.store} is {@code redis}: a replica counting in
 * memory then starts no Lettuce threads, opens no connection and shows no Redis in its health. Registered in
 * {@code META-INF/spring.factories}; it adds to whatever {@code spring.autoconfigure.exclude} already holds.
 */
public class RedisClientSwitch implements EnvironmentPostProcessor {

    static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final String PACKAGE = "org.springframework.boot.data.redis.autoconfigure.";
    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            PACKAGE + "DataRedisAutoConfiguration",
            PACKAGE + "DataRedisReactiveAutoConfiguration",
            PACKAGE + "DataRedisRepositoriesAutoConfiguration",
            PACKAGE + "health.DataRedisHealthContributorAutoConfiguration",
            PACKAGE + "health.DataRedisReactiveHealthContributorAutoConfiguration",
            PACKAGE + "observation.LettuceObservationAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String store = environment.getProperty("gateway.limits.store", "memory");
        if (store.strip().toLowerCase(Locale.ROOT).equals("redis")) {
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind(EXCLUDE, String[].class)
                .map(List::of)
                .orElse(List.of()));
        excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "gatewayLimitsWithoutRedis", Map.of(EXCLUDE, String.join(",", excluded))));
    }
}
