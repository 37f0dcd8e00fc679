package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A refused request's body is still read, within {@code gateway.api.max-body-drain} past the size limit, so a client
 * that writes its whole body before it reads (as Python's http.client does) reads the refusal, and its connection
 * serves its next request; a body past that bound is never read, and the refusal says {@code Connection: close}.
 * Over a raw socket, which writes the whole body first as such a client does.
 */
@ConfiguredGateway
class BodyDrainIntegrationTest {

    private static final int LIMIT = ConfiguredGateway.MAX_BODY_SIZE;
    private static final int DRAIN = 16 * 1024 * 1024;
    private static final String COMPLETIONS = "/v1/chat/completions";

    @Autowired
    GatewayClient gateway;

    @Test
    void aClientThatSendsItsWholeOversizedBodyBeforeReadingReadsThe413AndKeepsItsConnection() throws IOException {
        try (Socket socket = RawHttp.connect(gateway, 15_000)) {
            byte[] body = jsonOf(LIMIT + 3 * 1024 * 1024);

            RawHttp.send(socket, COMPLETIONS, body, "Authorization: Bearer " + GatewayClient.DEMO_KEY);
            String refusal = response(socket);
            RawHttp.send(socket, "/v1/models", null, "Authorization: Bearer " + GatewayClient.DEMO_KEY);
            String next = response(socket);

            assertThat(refusal).startsWith("HTTP/1.1 413").doesNotContainIgnoringCase("connection: close");
            assertThat(next).as("the same connection serves the next request").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aChunkedOversizedBodyIsReadToItsEndAndTheConnectionServesTheNextRequest() throws IOException {
        try (Socket socket = RawHttp.connect(gateway, 15_000)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + COMPLETIONS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                            + GatewayClient.DEMO_KEY
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] body = jsonOf(2 * 1024 * 1024);
            for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                int size = Math.min(64 * 1024, body.length - offset);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, offset, size);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String refusal = response(socket);
            RawHttp.send(socket, "/v1/models", null, "Authorization: Bearer " + GatewayClient.DEMO_KEY);

            assertThat(refusal).startsWith("HTTP/1.1 413");
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBodyLongerThanTheDrainIsNeverReadAndItsRefusalSaysTheConnectionCloses() throws IOException {
        try (Socket socket = RawHttp.connect(gateway, 15_000)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + COMPLETIONS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                            + GatewayClient.DEMO_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + (LIMIT + DRAIN + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String refusal = response(socket);

            assertThat(refusal).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void anUnauthenticatedCallWithABodyIsRefusedAfterItsBodyIsReadSoTheConnectionServesTheNextRequest()
            throws IOException {
        try (Socket socket = RawHttp.connect(gateway, 15_000)) {
            RawHttp.send(socket, COMPLETIONS, jsonOf(512), "X-Nothing: 1");
            String refusal = response(socket);
            RawHttp.send(socket, "/v1/models", null, "Authorization: Bearer " + GatewayClient.DEMO_KEY);

            assertThat(refusal).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
        }
    }

    /** A JSON chat body of about this many bytes. */
    private static byte[] jsonOf(int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'a');
        return ("{\"model\":\"us.amazon.nova-lite-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + new String(filler) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one response with a Content-Length: its head and body. */
    private static String response(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int length = 0;
        for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
            head.append(line).append('\n');
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return head + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
