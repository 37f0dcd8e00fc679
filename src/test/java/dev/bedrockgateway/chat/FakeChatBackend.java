package dev.bedrockgateway.chat;

import dev.bedrockgateway.tenant.AwsTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Bedrock as the chat service sees it, for {@link ChatServiceTest}: records each call as {@code tenant -> model ID},
 * answers or fails with what the test put in for that model ID (or {@code <target>/<model ID>} for one target), and hands streams' listeners to the test to drive.
 */
final class FakeChatBackend implements ChatBackend {

    static final TokenUsage USAGE = new TokenUsage(12, 3, 15, null, null);

    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The target of each call, by name, in order. */
    final List<String> targets = new CopyOnWriteArrayList<>();

    final Map<String, RuntimeException> failures = new HashMap<>();
    /** How many more times a model in {@link #failures} fails; a model without a count fails every time. */
    final Map<String, Integer> failuresLeft = new HashMap<>();

    final List<ChatStreamListener> listeners = new CopyOnWriteArrayList<>();
    final List<FakeStream> streams = new CopyOnWriteArrayList<>();
    String region = "us-east-1";

    @Override
    public ChatResponse converse(AwsTarget target, String bedrockModelId, ChatRequest request) {
        calls.add(target.tenantId() + " -> " + bedrockModelId);
        targets.add(target.name());
        RuntimeException failure = failures.get(target.name() + "/" + bedrockModelId);
        if (failure != null) {
            throw failure;
        }
        failure = failures.get(bedrockModelId);
        if (failure != null
                && (!failuresLeft.containsKey(bedrockModelId)
                        || failuresLeft.merge(bedrockModelId, -1, Integer::sum) >= 0)) {
            throw failure;
        }
        Message answer = new Message(Role.ASSISTANT, List.of(ContentBlock.text("Hello from " + bedrockModelId)));
        return new ChatResponse(bedrockModelId, answer, "end_turn", USAGE, 42, null);
    }

    @Override
    public ChatStream converseStream(
            AwsTarget target, String bedrockModelId, ChatRequest request, ChatStreamListener listener) {
        calls.add(target.tenantId() + " -> " + bedrockModelId);
        targets.add(target.name());
        listeners.add(listener);
        FakeStream stream = new FakeStream(bedrockModelId);
        streams.add(stream);
        return stream;
    }

    @Override
    public String region(AwsTarget target) {
        String own = target.identity().region();
        return own != null ? own : region;
    }

    /** A stream in flight that notes whether it was cancelled. */
    static final class FakeStream implements ChatStream {

        private final String modelId;
        volatile boolean cancelled;

        FakeStream(String modelId) {
            this.modelId = modelId;
        }

        @Override
        public String bedrockModelId() {
            return modelId;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
