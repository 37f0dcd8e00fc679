package dev.bedrockgateway.chat;

/**
 * An image, as Converse's {@code image} block.
 *
 * @param format png, jpeg, gif or webp
 * @param source the image data
 */
public record ImageBlock(String format, MediaSource source) {}
