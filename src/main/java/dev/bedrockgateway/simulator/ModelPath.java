package dev.bedrockgateway.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /model/{modelId}/{operation}} shape of a Bedrock Runtime path.
 *
 * @param modelId the percent-decoded model id
 * @param operation the operation segment, for example {@code converse}
 */
record ModelPath(String modelId, String operation) {

    /**
     * Parses a raw (still encoded) path, or returns {@code null} if it is not a model path.
     *
     * <p>The split happens before decoding because the SDK sends an ARN model id with {@code %2F} for its
     * slash; decoding first would turn one segment into two.
     */
    static @Nullable ModelPath parse(@Nullable String rawPath) {
        if (rawPath == null) {
            return null;
        }
        String[] segments = rawPath.split("/", -1);
        if (segments.length != 4
                || !segments[0].isEmpty()
                || !"model".equals(segments[1])
                || segments[2].isEmpty()
                || segments[3].isEmpty()) {
            return null;
        }
        return new ModelPath(percentDecode(segments[2]), segments[3]);
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 bytes and leaves everything else alone. {@code URLDecoder} is
     * not used because it is a form decoder and would turn a literal {@code +} into a space. A malformed
     * escape is kept literally rather than rejected, so that the request still gets recorded and
     * answered with whatever the model id then fails on.
     */
    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && isHex(segment.charAt(i + 1)) && isHex(segment.charAt(i + 2))) {
                bytes.write(
                        Character.digit(segment.charAt(i + 1), 16) << 4 | Character.digit(segment.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = segment.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** ASCII only: {@code Character.digit} would also accept non-ASCII digits. */
    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
