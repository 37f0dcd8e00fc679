package dev.bedrockgateway.routing;

/**
 * A name callers may send, and where it goes.
 *
 * @param name the name to send as the model
 * @param provider who makes the model
 * @param bedrockModelId the model ID Bedrock receives for it
 */
public record RoutedModel(String name, String provider, String bedrockModelId) {}
