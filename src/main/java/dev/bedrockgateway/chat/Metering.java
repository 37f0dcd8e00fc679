package dev.bedrockgateway.chat;

import dev.bedrockgateway.limits.Permit;
import dev.bedrockgateway.limits.TokenCounts;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Settles one admitted call once it has ended, however it ended: with Bedrock's usage when it reported one;
 * with nothing for a call that failed before any answer; and, for a stream cut short (cancelled, or failed after
 * it began) before Bedrock's closing usage, with the input estimate plus the text streamed so far, since Bedrock
 * bills what it generated. Only the first of completion, failure and cancellation counts.
 */
final class Metering implements Runnable {

    private final ChatCall call;
    private final Permit permit;
    private final String routedModelId;
    private final LongSupplier inputEstimate;
    private final AtomicBoolean done = new AtomicBoolean();

    Metering(ChatCall call, Permit permit, String routedModelId, LongSupplier inputEstimate) {
        this.call = call;
        this.permit = permit;
        this.routedModelId = routedModelId;
        this.inputEstimate = inputEstimate;
    }

    @Override
    public void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        String model = Objects.requireNonNullElse(call.bedrockModelId(), routedModelId);
        call.cost(permit.settle(model, used()));
    }

    private TokenCounts used() {
        TokenUsage usage = call.usage();
        if (usage != null) {
            return new TokenCounts(
                    usage.inputTokens(),
                    usage.outputTokens(),
                    usage.cacheReadInputTokens() == null ? 0 : usage.cacheReadInputTokens(),
                    usage.cacheWriteInputTokens() == null ? 0 : usage.cacheWriteInputTokens());
        }
        if (call.firstTokenNanos() == 0 && !call.cancelled()) {
            return new TokenCounts(0, 0, 0, 0);
        }
        return new TokenCounts(inputEstimate.getAsLong(), TokenEstimate.outputFromChars(call.streamedChars()), 0, 0);
    }
}
