package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.AwsTarget;

/** The upstream call: sends a core request to Bedrock, to one of a tenant's targets, under an already routed model ID. */
public interface ChatBackend {

    /**
     * Sends one Converse call with the target's AWS identity, in its region, blocking the calling thread until the answer is
     * in (on Java 21+ a request thread is virtual, so waiting costs no platform thread).
     *
     * @param target the tenant's AWS identity and region to use
     * @param bedrockModelId the model ID Bedrock receives
     * @param request the core request
     * @return the answer
     * @throws GatewayException classifying any upstream error
     */
    ChatResponse converse(AwsTarget target, String bedrockModelId, ChatRequest request);

    /**
     * Starts one ConverseStream call with the target's AWS identity; events, then exactly one of
     * {@code onError} / {@code onComplete}, reach the listener off the network threads.
     */
    ChatStream converseStream(
            AwsTarget target, String bedrockModelId, ChatRequest request, ChatStreamListener listener);

    /** The AWS region of a target; routing derives the default geography from it. */
    String region(AwsTarget target);
}
