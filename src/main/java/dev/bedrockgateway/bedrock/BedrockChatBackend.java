package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** Sends core requests to Bedrock Runtime's Converse API with the shared SDK client. */
@Component
class BedrockChatBackend implements ChatBackend {

    private final BedrockRuntimeAsyncClient client;

    BedrockChatBackend(BedrockRuntimeAsyncClient client) {
        this.client = client;
    }

    @Override
    public String region() {
        return client.serviceClientConfiguration().region().id();
    }

    @Override
    public CompletableFuture<ChatResponse> converse(String bedrockModelId, ChatRequest request) {
        try {
            return client.converse(ConverseRequestMapper.toSdk(bedrockModelId, request))
                    .handle((response, failure) -> {
                        if (failure != null) {
                            throw BedrockErrors.classify(failure);
                        }
                        return ConverseResponseMapper.fromSdk(bedrockModelId, response);
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(BedrockErrors.classify(e));
        }
    }
}
