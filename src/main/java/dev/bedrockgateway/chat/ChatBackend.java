package dev.bedrockgateway.chat;

import dev.bedrockgateway.tenant.Tenant;
import java.util.concurrent.CompletableFuture;

/** The upstream call: sends a core request to Bedrock, as a tenant, under an already routed model ID. */
public interface ChatBackend {

    /**
     * Sends one Converse call with the tenant's AWS identity. The future may complete on a network thread:
     * what is chained on it must not block.
     *
     * @param tenant whose credentials and region to use
     * @param bedrockModelId the model ID Bedrock receives
     * @param request the core request
     * @return the answer; fails with a {@link GatewayException} that classifies any upstream error
     */
    CompletableFuture<ChatResponse> converse(Tenant tenant, String bedrockModelId, ChatRequest request);

    /**
     * Starts one ConverseStream call with the tenant's AWS identity; events, then exactly one of
     * {@code onError} / {@code onComplete}, reach the listener off the network threads.
     */
    ChatStream converseStream(Tenant tenant, String bedrockModelId, ChatRequest request, ChatStreamListener listener);

    /** The AWS region the tenant's calls go to; routing derives the default geography from it. */
    String region(Tenant tenant);
}
