package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * Sends core requests to Bedrock Runtime's Converse API with the tenant's client. When Bedrock rejects
 * the tenant's credentials (expired or revoked temporary credentials), they are rebuilt and the call is
 * retried once; if that fails too, the caller learns which credential source to fix.
 */
@Component
class BedrockChatBackend implements ChatBackend {

    private static final Logger log = LoggerFactory.getLogger(BedrockChatBackend.class);

    private final TenantBedrockClients clients;
    /** For stream events, which must leave the SDK's Netty threads before they are written to callers. */
    private final Executor executor;

    private final ObservationRegistry observations;

    BedrockChatBackend(
            TenantBedrockClients clients,
            @Qualifier("applicationTaskExecutor") Executor executor,
            ObjectProvider<ObservationRegistry> observations) {
        this.clients = clients;
        this.executor = executor;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /**
     * The Bedrock call as an observation: a child span of the request's, and the
     * {@code gateway_bedrock_call_seconds} timer by operation. Started on the caller's thread, where the
     * request's observation is current.
     */
    private Observation observe(String operation, String bedrockModelId) {
        return Observation.createNotStarted("gateway.bedrock.call", observations)
                .contextualName("bedrock " + operation)
                .lowCardinalityKeyValue("operation", operation)
                .highCardinalityKeyValue("model", bedrockModelId)
                .start();
    }

    @Override
    public ChatStream converseStream(
            Tenant tenant, String bedrockModelId, ChatRequest request, ChatStreamListener caller) {
        Observation observation = observe("ConverseStream", bedrockModelId);
        ChatStreamListener listener = new ChatStreamListener() {
            @Override
            public void onEvent(ChatStreamEvent event) {
                caller.onEvent(event);
            }

            @Override
            public void onError(GatewayException error) {
                observation.error(error);
                observation.stop();
                caller.onError(error);
            }

            @Override
            public void onComplete() {
                observation.stop();
                caller.onComplete();
            }
        };
        BedrockStreamCall call = new BedrockStreamCall(bedrockModelId, listener, executor);
        try {
            TenantBedrockClients.TenantClient client = clients.of(tenant);
            ConverseStreamRequest streamRequest = ConverseRequestMapper.toSdkStream(bedrockModelId, request);
            call.started(client.streamRuntime().converseStream(streamRequest, call.handler()));
        } catch (RuntimeException e) {
            call.onError(e);
        }
        return call;
    }

    @Override
    public String region(Tenant tenant) {
        return clients.of(tenant).region().id();
    }

    @Override
    public ChatResponse converse(Tenant tenant, String bedrockModelId, ChatRequest request) {
        TenantBedrockClients.TenantClient client;
        ConverseRequest sdkRequest;
        try {
            client = clients.of(tenant);
            sdkRequest = ConverseRequestMapper.toSdk(bedrockModelId, request);
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        Observation observation = observe("Converse", bedrockModelId);
        try (Observation.Scope scope = observation.openScope()) {
            return sendWithFreshCredentials(tenant, client, bedrockModelId, sdkRequest);
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private ChatResponse sendWithFreshCredentials(
            Tenant tenant, TenantBedrockClients.TenantClient client, String bedrockModelId, ConverseRequest request) {
        try {
            return send(client, bedrockModelId, request);
        } catch (RuntimeException failure) {
            TenantCredentials credentials = client.credentials();
            if (!BedrockErrors.isCredentialFailure(failure)) {
                throw BedrockErrors.classify(failure);
            }
            log.warn(
                    "Bedrock rejected the credentials of tenant '{}' ({}); refreshing them and retrying once",
                    tenant.id(),
                    credentials.source());
            credentials.refresh();
            try {
                return send(client, bedrockModelId, request);
            } catch (RuntimeException retryFailure) {
                throw BedrockErrors.isCredentialFailure(retryFailure)
                        ? credentialError(tenant, credentials, retryFailure)
                        : BedrockErrors.classify(retryFailure);
            }
        }
    }

    private static ChatResponse send(
            TenantBedrockClients.TenantClient client, String bedrockModelId, ConverseRequest request) {
        return ConverseResponseMapper.fromSdk(bedrockModelId, client.runtime().converse(request));
    }

    private static GatewayException credentialError(Tenant tenant, TenantCredentials credentials, Throwable failure) {
        return new GatewayException(
                ErrorKind.PERMISSION_DENIED,
                "The gateway's AWS credentials for tenant '"
                        + tenant.id() + "' (" + credentials.source() + ") were refused or could not be loaded: "
                        + BedrockErrors.classify(failure).getMessage() + ". An operator should " + credentials.fixHint()
                        + ".",
                null,
                null);
    }
}
