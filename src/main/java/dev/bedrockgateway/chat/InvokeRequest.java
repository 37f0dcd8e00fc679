package dev.bedrockgateway.chat;

/**
 * A call written in the model provider's own JSON (Bedrock's InvokeModel), for instance an Anthropic Messages
 * body. The body is forwarded byte for byte under the routed model ID: the gateway reads it only to estimate
 * its tokens, so fields it does not know (betas, cache controls, signed thinking, server tools) survive.
 *
 * @param modelId the model as the caller wrote it, routed like any other
 * @param body the provider's JSON, unchanged
 * @param options InvokeModel's optional settings, as the caller gave them
 */
public record InvokeRequest(String modelId, byte[] body, InvokeOptions options) {}
