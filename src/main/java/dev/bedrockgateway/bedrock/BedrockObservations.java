package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.error.GatewayException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Each Bedrock call as an observation: a child span of the request's, and the {@code gateway_bedrock_call_seconds}
 * timer by operation. Started on the caller's thread, where the request's observation is current.
 */
@Component
class BedrockObservations {

    private final ObservationRegistry registry;

    BedrockObservations(ObjectProvider<ObservationRegistry> registry) {
        this.registry = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /** Starts the observation of one call. */
    Observation start(String operation, String bedrockModelId) {
        return Observation.createNotStarted("gateway.bedrock.call", registry)
                .contextualName("bedrock " + operation)
                .lowCardinalityKeyValue("operation", operation)
                .highCardinalityKeyValue("model", bedrockModelId)
                .start();
    }

    /** The listener of a stream whose observation ends with the stream. */
    static ChatStreamListener stoppedAtEnd(Observation observation, ChatStreamListener caller) {
        return new ChatStreamListener() {
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
    }
}
