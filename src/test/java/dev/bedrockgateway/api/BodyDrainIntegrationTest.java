package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import java.io.ByteArrayOutputStream;
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
        try (Socket socket = connect()) {
            byte[] body = jsonOf(LIMIT + 3 * 1024 * 1024);

            send(socket, COMPLETIONS, "Authorization: Bearer " + GatewayClient.DEMO_KEY, body);
            String refusal = response(socket);
            send(socket, "/v1/models", "Authorization: Bearer " + GatewayClient.DEMO_KEY, null);
            String next = response(socket);

            assertThat(refusal).startsWith("HTTP/1.1 413").doesNotContainIgnoringCase("connection: close");
            assertThat(next).as("the same connection serves the next request").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aChunkedOversizedBodyIsReadToItsEndAndTheConnectionServesTheNextRequest() throws IOException {
        try (Socket socket = connect()) {
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
            send(socket, "/v1/models", "Authorization: Bearer " + GatewayClient.DEMO_KEY, null);

            assertThat(refusal).startsWith("HTTP/1.1 413");
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBodyLongerThanTheDrainIsNeverReadAndItsRefusalSaysTheConnectionCloses() throws IOException {
        try (Socket socket = connect()) {
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
        try (Socket socket = connect()) {
            send(socket, COMPLETIONS, "X-Nothing: 1", jsonOf(512));
            String refusal = response(socket);
            send(socket, "/v1/models", "Authorization: Bearer " + GatewayClient.DEMO_KEY, null);

            assertThat(refusal).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("localhost", gateway.baseUri().getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** A JSON chat body of about this many bytes. */
    private static byte[] jsonOf(int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'a');
        return ("{\"model\":\"us.amazon.nova-lite-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + new String(filler) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a request, its whole body written before anything is read. */
    private static void send(Socket socket, String path, String header, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        String method = body == null ? "GET" : "POST";
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n")
                .append(header)
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Reads one response with a Content-Length: its head and body. */
    private static String response(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int length = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            head.append(line).append('\n');
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return head + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection ended mid-line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
