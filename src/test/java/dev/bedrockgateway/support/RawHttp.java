package dev.bedrockgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 written and read by hand on a socket, for tests about what the server does with the connection itself
 * (closes it, keeps it, reads a body before answering), which an HTTP client library would hide.
 */
public final class RawHttp {

    private RawHttp() {}

    /** A connection to the gateway that gives up reading after {@code readTimeoutMs}. */
    public static Socket connect(GatewayClient gateway, int readTimeoutMs) throws IOException {
        Socket socket = new Socket("localhost", gateway.baseUri().getPort());
        socket.setSoTimeout(readTimeoutMs);
        return socket;
    }

    /**
     * Sends a request, its whole body written before anything is read: a POST of JSON with a body, a GET without.
     *
     * @param headers whole header lines, e.g. {@code Authorization: Bearer key}
     */
    public static void send(Socket socket, String path, byte @Nullable [] body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder((body == null ? "GET " : "POST ") + path + " HTTP/1.1\r\n")
                .append("Host: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** One line of a response, without its line end; fails if the connection ends first. */
    public static String line(InputStream in) throws IOException {
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
