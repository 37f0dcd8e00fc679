package dev.bedrockgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running gateway over real HTTP with the JDK client; every call returns a {@link GatewayResponse}.
 * Requests carry the {@code local} profile's demo API key unless a test asks for another key or none.
 */
@TestComponent
public class GatewayClient {

    /** The API key of the {@code local} profile's demo tenant. */
    public static final String DEMO_KEY = "local-demo-key";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Environment environment;
    private final JsonMapper jsonMapper;
    private final @Nullable String apiKey;

    @Autowired
    GatewayClient(Environment environment, JsonMapper jsonMapper) {
        this(environment, jsonMapper, DEMO_KEY);
    }

    private GatewayClient(Environment environment, JsonMapper jsonMapper, @Nullable String apiKey) {
        this.environment = environment;
        this.jsonMapper = jsonMapper;
        this.apiKey = apiKey;
    }

    /** A client that sends this API key instead (null: no key at all). */
    public GatewayClient withApiKey(@Nullable String apiKey) {
        return new GatewayClient(environment, jsonMapper, apiKey);
    }

    /** The gateway's base URI, e.g. {@code http://localhost:PORT}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port"));
    }

    /** POSTs a JSON body; {@code headers} are name/value pairs. */
    public GatewayResponse postJson(String path, String json, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs a path; {@code headers} are name/value pairs. */
    public GatewayResponse get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A request builder for the path, with the headers set, for calls the shortcuts do not cover. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            builder.setHeader("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /**
     * Sends a request built with {@link #request}. A request that finds its pooled connection closed before it
     * could send a byte is sent once more, on a new one, as OkHttp and the SDKs built on it do: the gateway ends a
     * connection after a stream that failed midway, as Bedrock does, and a test's next request may reach for that
     * connection before its close arrives.
     */
    public GatewayResponse send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                if (stale.getMessage() == null || !stale.getMessage().contains("received no bytes")) {
                    throw stale;
                }
                response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            }
            return new GatewayResponse(response.statusCode(), response.headers(), response.body(), jsonMapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
