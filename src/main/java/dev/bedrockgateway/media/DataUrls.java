package dev.bedrockgateway.media;

import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.error.GatewayException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Decodes {@code data:image/...;base64,...} URLs; pure. */
public final class DataUrls {

    private static final Map<String, String> IMAGE_FORMATS = Map.of(
            "image/png", "png", "image/jpeg", "jpeg", "image/jpg", "jpeg", "image/gif", "gif", "image/webp", "webp");

    private DataUrls() {}

    /** Whether the URL is a {@code data:} URL. */
    public static boolean isDataUrl(String url) {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The image in a base64 {@code data:} URL. */
    public static ImageBlock image(String url, String field) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw GatewayException.invalid(
                    field, field + " must be a base64 data URL such as data:image/png;base64,...");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        String format = formatOf(mediaType);
        if (format == null) {
            throw GatewayException.invalid(
                    field,
                    field + " has media type '" + mediaType
                            + "'; Bedrock takes image/png, image/jpeg, image/gif or image/webp");
        }
        return new ImageBlock(format, MediaSource.bytes(decodeBase64(url.substring(comma + 1), field)));
    }

    /**
     * Standard base64, strictly: line breaks are allowed (some encoders wrap), anything else outside the
     * alphabet is refused rather than skipped, and empty data is refused.
     */
    public static byte[] decodeBase64(String data, String field) {
        String compact = data.replaceAll("[\\r\\n]", "");
        try {
            byte[] bytes = Base64.getDecoder().decode(compact);
            if (bytes.length > 0) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw GatewayException.invalid(field, field + " does not hold valid base64 data");
    }

    /** The Bedrock image format for a media type, or null if Bedrock has none. */
    static @Nullable String formatOf(String mediaType) {
        return IMAGE_FORMATS.get(mediaType.strip().toLowerCase(Locale.ROOT));
    }
}
