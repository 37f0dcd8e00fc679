package dev.bedrockgateway.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis that tests use: {@code REDIS_URL} when set, else {@code redis://127.0.0.1:6379}. Where none answers,
 * tests that need it are skipped with a message saying so (the project's machines and CI run one).
 */
public final class LocalRedis {

    private LocalRedis() {}

    /** The Redis URL tests use. */
    public static String url() {
        String url = System.getenv("REDIS_URL");
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
    }

    /** A started connection factory for a Redis URL; the caller destroys it. */
    public static LettuceConnectionFactory connect(String url) {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Skips the calling test unless Redis answers at {@link #url()}. */
    public static void assumeAvailable() {
        URI uri = URI.create(url());
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 500);
            reachable = true;
        } catch (java.io.IOException e) {
            reachable = false;
        }
        Assumptions.assumeTrue(
                reachable,
                "No Redis answers at " + uri.getHost() + ":" + port
                        + ": skipped. Set REDIS_URL, or start redis-server (.ci/run does when it is installed)");
    }
}
