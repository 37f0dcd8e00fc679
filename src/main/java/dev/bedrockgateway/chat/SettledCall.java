package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One blocking call of the core, whatever its operation (Converse, InvokeModel, embeddings, Bedrock's Responses
 * endpoint): what it admitted against the tenant's limits is settled exactly once however it ends, and a failure
 * reaches the caller classified and recorded on the call.
 */
final class SettledCall {

    private @Nullable Metering metering;

    private SettledCall() {}

    /**
     * Runs {@code work} as the call for the model the caller named.
     *
     * @throws GatewayException whatever failed, classified
     */
    static <T> T run(ChatCall call, String requested, Function<SettledCall, T> work) {
        SettledCall settled = new SettledCall();
        try {
            call.requested(requested, false);
            T answer = work.apply(settled);
            settled.settle();
            return answer;
        } catch (RuntimeException e) {
            GatewayException error = ModelGate.classified(e);
            call.failed(error);
            settled.settle();
            throw error;
        }
    }

    /** Remembers what the call admitted, to settle it when the call ends; returns it. */
    Metering admitted(Metering admission) {
        this.metering = admission;
        return admission;
    }

    private void settle() {
        if (metering != null) {
            metering.run();
        }
    }
}
