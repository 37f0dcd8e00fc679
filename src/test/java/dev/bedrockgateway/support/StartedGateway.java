package dev.bedrockgateway.support;

import dev.bedrockgateway.GatewayApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole gateway started in this JVM (profile {@code local}, its own port and simulator) with the arguments a test
 * gives, for tests that need several at once or settings of their own, and the plain HTTP calls they make to it.
 */
public record StartedGateway(ConfigurableApplicationContext context) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Starts one; {@code arguments} are command-line style ({@code --name=value}). */
    public static StartedGateway start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return new StartedGateway(new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("local")
                .registerShutdownHook(false)
                .run(all));
    }

    /**
     * Replicas sharing the Redis at {@link LocalRedis#url()} for their limits (and so their stored conversations),
     * under a key prefix of their own, so that earlier runs' keys in the same Redis count for nothing; skips the
     * calling test, saying so, where no Redis answers.
     */
    public static List<StartedGateway> sharingRedis(int replicas, String... arguments) {
        LocalRedis.assumeAvailable();
        String prefix = "bgw-it-" + UUID.randomUUID();
        List<String> all = new ArrayList<>(List.of(
                "--gateway.limits.store=redis",
                "--gateway.limits.redis-key-prefix=" + prefix,
                "--spring.data.redis.url=" + LocalRedis.url()));
        all.addAll(List.of(arguments));
        List<StartedGateway> started = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            started.add(start(all.toArray(String[]::new)));
        }
        return started;
    }

    /** An OpenAI-style chat call as the tenant with this key. */
    public HttpResponse<String> chat(String key, String prompt) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base().resolve("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"max_tokens\":20,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of a JSON body to a path as the tenant with this key. */
    public HttpResponse<String> post(String key, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base().resolve(path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET, with the tenant's key when one is given. */
    public HttpResponse<String> get(String path, String... key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path));
        if (key.length > 0) {
            request.header("Authorization", "Bearer " + key[0]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI base() {
        return URI.create("http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
