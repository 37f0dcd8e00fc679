package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;

/** The upstream call: sends a core request to Bedrock, as a tenant, under an already routed model ID. */
public interface ChatBackend {

    /**
     * Sends one Converse call with the tenant's AWS identity, blocking the calling thread until the answer is
     * in (on Java 21+ a request thread is virtual, so waiting costs no platform thread).
     *
     * @param tenant whose credentials and region to use
     * @param bedrockModelId the model ID Bedrock receives
     * @param request the core request
     * @return the answer
     * @throws GatewayException classifying any upstream error
     */
    ChatResponse converse(Tenant tenant, String bedrockModelId, ChatRequest request);

    /**
     * Starts one ConverseStream call with the tenant's AWS identity; events, then exactly one of
     * {@code onError} / {@code onComplete}, reach the listener off the network threads.
     */
    ChatStream converseStream(Tenant tenant, String bedrockModelId, ChatRequest request, ChatStreamListener listener);

    /** The AWS region the tenant's calls go to; routing derives the default geography from it. */
    String region(Tenant tenant);
}
