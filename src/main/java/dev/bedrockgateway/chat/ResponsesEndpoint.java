package dev.bedrockgateway.chat;

import dev.bedrockgateway.tenant.AwsTarget;

/**
 * The upstream call for models Bedrock serves only through its OpenAI-compatible Responses endpoint: a Responses API
 * body, its {@code model} already the one Bedrock knows, sent with the target's AWS identity to its region.
 */
public interface ResponsesEndpoint {

    /**
     * Sends one Responses API request, blocking until the answer is in.
     *
     * @return the response object as Bedrock sent it
     * @throws dev.bedrockgateway.error.GatewayException classifying any upstream error
     */
    byte[] respond(AwsTarget target, byte[] body);
}
