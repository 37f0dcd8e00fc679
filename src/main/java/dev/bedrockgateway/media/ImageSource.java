package dev.bedrockgateway.media;

import dev.bedrockgateway.chat.ImageBlock;

/** Turns an image URL a caller sent into an image block, or refuses it with a {@link dev.bedrockgateway.error.GatewayException}. */
@FunctionalInterface
public interface ImageSource {

    /**
     * Resolves one image.
     *
     * @param url a {@code data:} URL or an {@code http(s)} URL
     * @param field the request field it came from, for error messages
     */
    ImageBlock resolve(String url, String field);
}
