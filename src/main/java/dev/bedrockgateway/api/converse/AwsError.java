package dev.bedrockgateway.api.converse;

/**
 * AWS's JSON error body; the exception name travels in the {@code x-amzn-ErrorType} header.
 *
 * @param message what went wrong, for a person
 */
public record AwsError(String message) {}
