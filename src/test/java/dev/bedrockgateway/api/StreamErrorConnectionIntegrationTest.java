package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stream that fails after its first bytes ends its HTTP/1.1 connection after the final chunk, as Bedrock does, on
 * every streaming surface; a stream that completes keeps its connection for the next request. Read over a raw socket,
 * so that what the server does with the connection is seen, not what a client library makes of it. The idle timeout
 * is application.yml's 60 s, so a connection left open would outlast the read timeout here.
 */
@GatewayIntegrationTest
class StreamErrorConnectionIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final int READ_TIMEOUT_MS = 10_000;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    static Stream<Arguments> surfaces() {
        String chat =
                "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        return Stream.of(
                Arguments.of("OpenAI", "/v1/chat/completions", chat, "\"error\""),
                Arguments.of("Anthropic", "/v1/messages", """
                        {"model":"%s","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""".formatted(MODEL), "event: error"),
                Arguments.of(
                        "Bedrock wire",
                        "/model/us.amazon.nova-lite-v1%3A0/converse-stream",
                        """
                        {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""",
                        "modelStreamErrorException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surfaces")
    void aStreamThatFailsMidwayEndsItsConnectionAfterTheFinalChunk(
            String surface, String path, String body, String errorMarker) throws IOException {
        simulator.failStreamsFor(MODEL, 2, SimulatorFault.modelStreamError("The model failed midway."));

        try (Socket socket = RawHttp.connect(gateway, READ_TIMEOUT_MS)) {
            String response = exchange(socket, path, body);

            assertThat(response).startsWith("HTTP/1.1 200").contains(errorMarker);
            assertThat(endOfConnection(socket.getInputStream()))
                    .as("the gateway closed the connection after the final chunk")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surfaces")
    void aStreamThatCompletesKeepsItsConnectionForTheNextRequest(
            String surface, String path, String body, String errorMarker) throws IOException {
        try (Socket socket = RawHttp.connect(gateway, READ_TIMEOUT_MS)) {
            String first = exchange(socket, path, body);
            String second = exchange(socket, path, body);

            assertThat(first).startsWith("HTTP/1.1 200").doesNotContain(errorMarker);
            assertThat(second).startsWith("HTTP/1.1 200").doesNotContain(errorMarker);
        }
    }

    /**
     * The stock AWS SDK for JavaScript v3 over HTTP/1.1, in a short-lived Node process: it gets the model's error,
     * and the process exits by itself, well before the connection's 60 s idle timeout would have freed it.
     */
    @Test
    void aNodeProcessWhoseStreamFailedMidwayWithTheStockJavaScriptSdkExitsByItself(@TempDir Path logs)
            throws Exception {
        Path script = Path.of("src/test/node/stream-error-close");
        assumeTrue(
                Files.isDirectory(script.resolve("node_modules/@aws-sdk/client-bedrock-runtime")),
                "npm ci --prefix src/test/node/stream-error-close has not run (.ci/run runs it where npm exists)");
        assumeTrue(commandExists("node"), "node is not on the PATH");
        simulator.failStreamsFor(MODEL, 2, SimulatorFault.modelStreamError("The model failed midway."));
        ProcessBuilder node = new ProcessBuilder("node", "stream-error.mjs")
                .directory(script.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("node.log").toFile());
        node.environment().put("GATEWAY_URL", gateway.baseUri().toString());
        node.environment().put("GATEWAY_API_KEY", "local-demo-key");
        node.environment().put("MODEL_ID", MODEL);
        node.environment().remove("AWS_BEARER_TOKEN_BEDROCK");

        Process process = node.start();
        boolean exited = process.waitFor(20, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(logs.resolve("node.log"));

        assertThat(exited).as("node exited by itself: " + output).isTrue();
        assertThat(output).contains("failed after 2 deltas with ModelStreamErrorException");
    }

    private static boolean commandExists(String command) {
        try {
            return new ProcessBuilder(command, "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Sends one request and reads its whole answer: chunked to its final chunk, or to the connection's end. */
    private static String exchange(Socket socket, String path, String body) throws IOException {
        RawHttp.send(
                socket,
                path,
                body.getBytes(StandardCharsets.UTF_8),
                "Authorization: Bearer " + GatewayClient.DEMO_KEY,
                "anthropic-version: 2023-06-01");
        InputStream in = socket.getInputStream();
        String head = RawHttp.line(in);
        StringBuilder response = new StringBuilder(head).append('\n');
        boolean chunked = false;
        boolean closes = false;
        for (String header = RawHttp.line(in); !header.isEmpty(); header = RawHttp.line(in)) {
            response.append(header).append('\n');
            String lower = header.toLowerCase(Locale.ROOT);
            chunked |= lower.startsWith("transfer-encoding: chunked");
            closes |= lower.equals("connection: close");
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        if (!chunked) {
            // The error came before the headers left: Jetty then says so and ends the body with the connection.
            assertThat(closes)
                    .as("a stream is chunked, or ends with its connection: " + response)
                    .isTrue();
            decoded.write(in.readAllBytes());
            return response.append('\n')
                    .append(decoded.toString(StandardCharsets.UTF_8))
                    .toString();
        }
        for (int size = Integer.parseInt(RawHttp.line(in).trim(), 16);
                size > 0;
                size = Integer.parseInt(RawHttp.line(in).trim(), 16)) {
            decoded.write(in.readNBytes(size));
            RawHttp.line(in);
        }
        assertThat(RawHttp.line(in)).as("the final chunk's empty trailer").isEmpty();
        return response.append('\n')
                .append(decoded.toString(StandardCharsets.UTF_8))
                .toString();
    }

    /** Whether the server ends the connection (rather than leave it idle until the read timeout). */
    private static boolean endOfConnection(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
