package dev.bedrockgateway.chat;

import java.util.concurrent.CompletableFuture;

/** The upstream call: sends a core request to Bedrock under an already routed model ID. */
public interface ChatBackend {

    /**
     * Sends one Converse call.
     *
     * @param bedrockModelId the model ID Bedrock receives
     * @param request the core request
     * @return the answer; fails with a {@link GatewayException} that classifies any upstream error
     */
    CompletableFuture<ChatResponse> converse(String bedrockModelId, ChatRequest request);

    /** The AWS region calls are sent to; routing derives the default geography from it. */
    String region();
}
