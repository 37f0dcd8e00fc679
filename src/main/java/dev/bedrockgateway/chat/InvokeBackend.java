package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.AwsTarget;

/**
 * The upstream call for bodies in the provider's own JSON: Bedrock's InvokeModel and
 * InvokeModelWithResponseStream, to one of a tenant's targets, under an already routed model ID.
 */
public interface InvokeBackend {

    /**
     * Sends one InvokeModel call with the target's AWS identity, blocking until the answer is in.
     *
     * @throws GatewayException classifying any upstream error
     */
    InvokeResponse invoke(AwsTarget target, String bedrockModelId, InvokeRequest request);

    /**
     * Starts one InvokeModelWithResponseStream call; each of Bedrock's chunks reaches the listener as a
     * {@link ChatStreamEvent.Chunk}, then exactly one of {@code onError} / {@code onComplete}, off the network
     * threads.
     */
    ChatStream invokeStream(
            AwsTarget target, String bedrockModelId, InvokeRequest request, ChatStreamListener listener);

    /**
     * Counts the input tokens of an InvokeModel body with Bedrock's CountTokens, which bills nothing.
     *
     * @param baseModelId a foundation-model ID: CountTokens takes no inference profile
     * @throws GatewayException classifying any upstream error, e.g. a model without token counting
     */
    int countTokens(AwsTarget target, String baseModelId, byte[] body);
}
