package dev.bedrockgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running gateway over real HTTP with the JDK client; every call returns a {@link GatewayResponse}. */
@TestComponent
public class GatewayClient {

    private final Environment environment;
    private final JsonMapper jsonMapper;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayClient(Environment environment, JsonMapper jsonMapper) {
        this.environment = environment;
        this.jsonMapper = jsonMapper;
    }

    /** The gateway's base URI, e.g. {@code http://localhost:PORT}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port"));
    }

    /** POSTs a JSON body; {@code headers} are name/value pairs. */
    public GatewayResponse postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs a path; {@code headers} are name/value pairs. */
    public GatewayResponse get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A request builder for the path, with the headers set, for calls the shortcuts do not cover. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Sends a request built with {@link #request}. */
    public GatewayResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new GatewayResponse(response.statusCode(), response.headers(), response.body(), jsonMapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
