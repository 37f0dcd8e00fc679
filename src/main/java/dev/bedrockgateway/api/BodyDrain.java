package dev.bedrockgateway.api;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of a refused request's body, up to a bound. A client that writes its whole body
 * before it reads (Python's http.client, many scripts) would otherwise see a broken pipe, or a reset that loses the
 * answer, instead of the refusal; and a server that leaves a body unread must close the connection, which a client
 * that already pooled it learns only when its next request fails. Past the bound nothing more is read, and the
 * refusal says {@code Connection: close}.
 */
final class BodyDrain {

    private static final int CHUNK = 8192;

    private BodyDrain() {}

    /**
     * Whether the connection can serve another request: the body was read to its end here or before, or there was
     * none. False when it is longer than {@code bound} bytes, or could not be read.
     */
    static boolean drain(HttpServletRequest request, long bound) {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return true;
        }
        if (length > bound) {
            return false;
        }
        try {
            // Beneath any wrapper: the size limit's own stream refuses to read past the limit.
            InputStream body = original(request).getInputStream();
            byte[] discard = new byte[CHUNK];
            for (long left = bound; left > 0; ) {
                int read = body.read(discard, 0, (int) Math.min(CHUNK, left));
                if (read < 0) {
                    return true;
                }
                left -= read;
            }
            return body.read() < 0;
        } catch (IOException | IllegalStateException unreadable) {
            // A broken upload, or a body already taken as a reader: the connection cannot be trusted.
            return false;
        }
    }

    private static ServletRequest original(ServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner;
    }
}
