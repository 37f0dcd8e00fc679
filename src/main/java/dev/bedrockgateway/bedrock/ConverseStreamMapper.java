package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/** Maps the SDK's ConverseStream events to core stream events; pure. Unknown future events map to null. */
final class ConverseStreamMapper {

    private ConverseStreamMapper() {}

    static @Nullable ChatStreamEvent fromSdk(ConverseStreamOutput event) {
        if (event instanceof MessageStartEvent) {
            return new ChatStreamEvent.MessageStart(Role.ASSISTANT);
        }
        if (event instanceof ContentBlockStartEvent start) {
            if (start.start() == null || start.start().toolUse() == null) {
                return null;
            }
            return new ChatStreamEvent.ContentBlockStart(
                    start.contentBlockIndex(),
                    new ChatStreamEvent.ContentBlockStart.Start(new ChatStreamEvent.ContentBlockStart.ToolUseStart(
                            start.start().toolUse().toolUseId(),
                            start.start().toolUse().name())));
        }
        if (event instanceof ContentBlockDeltaEvent delta) {
            return deltaOf(delta);
        }
        if (event instanceof ContentBlockStopEvent stop) {
            return new ChatStreamEvent.ContentBlockStop(stop.contentBlockIndex());
        }
        if (event instanceof MessageStopEvent stop) {
            return new ChatStreamEvent.MessageStop(
                    Objects.requireNonNullElse(stop.stopReasonAsString(), "end_turn"),
                    stop.additionalModelResponseFields() == null
                            ? null
                            : Documents.toJson(stop.additionalModelResponseFields()));
        }
        if (event instanceof ConverseStreamMetadataEvent metadata) {
            return new ChatStreamEvent.Metadata(
                    ConverseResponseMapper.usage(metadata.usage()),
                    new ChatStreamEvent.Metadata.Metrics(
                            metadata.metrics() == null || metadata.metrics().latencyMs() == null
                                    ? 0
                                    : metadata.metrics().latencyMs()));
        }
        return null;
    }

    private static @Nullable ChatStreamEvent deltaOf(ContentBlockDeltaEvent event) {
        var delta = event.delta();
        if (delta == null) {
            return null;
        }
        if (delta.text() != null) {
            return new ChatStreamEvent.ContentBlockDelta(
                    event.contentBlockIndex(), ChatStreamEvent.ContentBlockDelta.Delta.text(delta.text()));
        }
        if (delta.toolUse() != null) {
            return new ChatStreamEvent.ContentBlockDelta(
                    event.contentBlockIndex(),
                    new ChatStreamEvent.ContentBlockDelta.Delta(
                            null,
                            new ChatStreamEvent.ContentBlockDelta.ToolUseDelta(
                                    delta.toolUse().input()),
                            null));
        }
        if (delta.reasoningContent() != null) {
            var reasoning = delta.reasoningContent();
            return new ChatStreamEvent.ContentBlockDelta(
                    event.contentBlockIndex(),
                    new ChatStreamEvent.ContentBlockDelta.Delta(
                            null,
                            null,
                            new ChatStreamEvent.ContentBlockDelta.ReasoningDelta(
                                    reasoning.text(),
                                    reasoning.signature(),
                                    reasoning.redactedContent() == null
                                            ? null
                                            : reasoning.redactedContent().asByteArray())));
        }
        return null;
    }
}
