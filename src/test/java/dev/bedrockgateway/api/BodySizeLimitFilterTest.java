package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The body size filter lets a body up to the limit through unchanged, refuses one whose declared length is over it
 * before a byte is read, and cuts off a body of unknown length (chunked) as soon as reading passes the limit, with
 * the {@link PayloadTooLargeException} that becomes a 413.
 */
class BodySizeLimitFilterTest {

    private static final int LIMIT = 10;

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(
            new ApiProperties(DataSize.ofBytes(LIMIT), DataSize.ofMegabytes(16), Duration.ofSeconds(15)));
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void aBodyUpToTheLimitIsReadUnchanged() throws Exception {
        AtomicReference<byte[]> read = new AtomicReference<>();

        filter.doFilter(
                request(bytes(LIMIT), true),
                response,
                (req, res) -> read.set(req.getInputStream().readAllBytes()));

        assertThat(read.get()).isEqualTo(bytes(LIMIT));
    }

    @Test
    void aChunkedBodyUpToTheLimitIsReadUnchangedByteByByte() throws Exception {
        AtomicReference<byte[]> read = new AtomicReference<>();

        filter.doFilter(
                request(bytes(LIMIT), false), response, (req, res) -> read.set(readByteByByte(req.getInputStream())));

        assertThat(read.get()).isEqualTo(bytes(LIMIT));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        MockHttpServletRequest request = request(bytes(LIMIT + 1), true);

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> req.getInputStream()))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("The request body exceeds the limit of 10 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWhileReading() {
        FilterChain readAll = (req, res) -> req.getInputStream().readAllBytes();

        assertThatThrownBy(() -> filter.doFilter(request(bytes(LIMIT + 1), false), response, readAll))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffAtTheFirstByteTooManyWhenReadByteByByte() {
        AtomicReference<Integer> bytesRead = new AtomicReference<>(0);
        FilterChain readByteByByte = (req, res) -> {
            ServletInputStream in = req.getInputStream();
            while (in.read() >= 0) {
                bytesRead.set(bytesRead.get() + 1);
            }
        };

        assertThatThrownBy(() -> filter.doFilter(request(bytes(LIMIT * 3), false), response, readByteByByte))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(bytesRead.get()).isEqualTo(LIMIT);
    }

    @Test
    void theLimitCountsAcrossEveryReadOfTheSameBody() {
        FilterChain readTwice = (req, res) -> {
            req.getInputStream().readNBytes(LIMIT);
            req.getInputStream().readAllBytes();
        };

        assertThatThrownBy(() -> filter.doFilter(request(bytes(LIMIT + 1), false), response, readTwice))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    /** A POST with this body, its length declared or (as for a chunked body) unknown. */
    private static MockHttpServletRequest request(byte[] body, boolean lengthDeclared) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.setContent(body);
        if (lengthDeclared) {
            return request;
        }
        return new MockHttpServletRequest("POST", "/v1/chat/completions") {
            @Override
            public ServletInputStream getInputStream() {
                return request.getInputStream();
            }

            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
    }

    private static byte[] readByteByByte(ServletInputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
