package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.tenant.AwsTarget;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * Sends core requests to Bedrock Runtime's Converse API with the tenant's client, refreshing rejected
 * credentials once ({@link FreshCredentials}).
 */
@Component
class BedrockChatBackend implements ChatBackend {

    private final TenantBedrockClients clients;
    /** For stream events, which must leave the SDK's Netty threads before they are written to callers. */
    private final Executor executor;

    private final BedrockObservations observations;

    BedrockChatBackend(
            TenantBedrockClients clients,
            @Qualifier("applicationTaskExecutor") Executor executor,
            BedrockObservations observations) {
        this.clients = clients;
        this.executor = executor;
        this.observations = observations;
    }

    @Override
    public ChatStream converseStream(
            AwsTarget target, String bedrockModelId, ChatRequest request, ChatStreamListener caller) {
        ChatStreamListener listener = observations.observeStream("ConverseStream", bedrockModelId, caller);
        BedrockStreamCall<ConverseStreamOutput> call = new BedrockStreamCall<>(
                bedrockModelId,
                ConverseStreamMapper::fromSdk,
                event -> event instanceof MessageStopEvent,
                listener,
                executor);
        try {
            TenantBedrockClients.TenantClient client = clients.of(target);
            ConverseStreamRequest streamRequest = ConverseRequestMapper.toSdkStream(bedrockModelId, request);
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .onEventStream(publisher -> publisher.subscribe(call))
                    .onError(call::fail)
                    .build();
            call.started(client.streamRuntime().converseStream(streamRequest, handler));
        } catch (RuntimeException e) {
            call.failedToStart(e);
        }
        return call;
    }

    @Override
    public String region(AwsTarget target) {
        return clients.of(target).region().id();
    }

    @Override
    public ChatResponse converse(AwsTarget target, String bedrockModelId, ChatRequest request) {
        TenantBedrockClients.TenantClient client;
        ConverseRequest sdkRequest;
        try {
            client = clients.of(target);
            sdkRequest = ConverseRequestMapper.toSdk(bedrockModelId, request);
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        return observations.observe(
                "Converse",
                bedrockModelId,
                () -> FreshCredentials.send(
                        target,
                        client,
                        c -> ConverseResponseMapper.fromSdk(
                                bedrockModelId, c.runtime().converse(sdkRequest))));
    }
}
