package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.error.GatewayException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
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

    private Observation start(String operation, String bedrockModelId) {
        return Observation.createNotStarted("gateway.bedrock.call", registry)
                .contextualName("bedrock " + operation)
                .lowCardinalityKeyValue("operation", operation)
                .highCardinalityKeyValue("model", bedrockModelId)
                .start();
    }

    /** One blocking call, observed from its start to its answer or failure. */
    <T> T observe(String operation, String bedrockModelId, Supplier<T> call) {
        Observation observation = start(operation, bedrockModelId);
        try (Observation.Scope scope = observation.openScope()) {
            return call.get();
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** Starts observing a stream: the listener to give the SDK, which ends the observation with the stream. */
    ChatStreamListener observeStream(String operation, String bedrockModelId, ChatStreamListener caller) {
        return stoppedAtEnd(start(operation, bedrockModelId), caller);
    }

    private static ChatStreamListener stoppedAtEnd(Observation observation, ChatStreamListener caller) {
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
