package dev.bedrockgateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * The properties both sides must share, whatever the model's text: the shape of an answer, the token
 * arithmetic, the grammar of an event stream and how an error reaches the SDK.
 */
final class ContractAssertions {

    private static final Logger log = LoggerFactory.getLogger(ContractAssertions.class);

    /** Tool-use IDs as the service model constrains them. */
    static final String TOOL_USE_ID = "[a-zA-Z0-9_-]{1,64}";

    private ContractAssertions() {}

    /**
     * An answer with a message from the assistant, a stop reason the SDK knows, consistent usage, a latency, a
     * request ID and a JSON body.
     */
    static void assertAnswerShape(ConverseResponse response, String side) {
        assertThat(response.sdkHttpResponse().statusCode())
                .as("%s: HTTP status", side)
                .isEqualTo(200);
        assertThat(response.sdkHttpResponse().firstMatchingHeader("Content-Type"))
                .as("%s: Content-Type", side)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertRequestId(response.responseMetadata().requestId(), side);
        assertThat(response.output().message()).as("%s: output.message", side).isNotNull();
        assertThat(response.output().message().role()).as("%s: role", side).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(response.output().message().content())
                .as("%s: content", side)
                .isNotEmpty();
        assertKnownStopReason(response.stopReason(), side);
        assertUsage(response.usage(), side);
        assertThat(response.metrics().latencyMs())
                .as("%s: metrics.latencyMs", side)
                .isNotNull()
                .isNotNegative();
    }

    /** Input and output tokens counted, and the total their sum (cache tokens included, when reported). */
    static void assertUsage(TokenUsage usage, String side) {
        assertThat(usage).as("%s: usage", side).isNotNull();
        assertThat(usage.inputTokens()).as("%s: usage.inputTokens", side).isPositive();
        assertThat(usage.outputTokens()).as("%s: usage.outputTokens", side).isPositive();
        int cached = zeroIfNull(usage.cacheReadInputTokens()) + zeroIfNull(usage.cacheWriteInputTokens());
        assertThat(usage.totalTokens())
                .as("%s: usage.totalTokens = input + output + cache tokens (%s)", side, usage)
                .isEqualTo(usage.inputTokens() + usage.outputTokens() + cached);
    }

    static void assertKnownStopReason(StopReason stopReason, String side) {
        assertThat(stopReason)
                .as("%s: stopReason is one the SDK's service model documents", side)
                .isNotNull()
                .isNotEqualTo(StopReason.UNKNOWN_TO_SDK_VERSION);
    }

    static void assertRequestId(String requestId, String side) {
        // The SDK reports "UNKNOWN" when the x-amzn-RequestId header is missing.
        assertThat(requestId).as("%s: request ID", side).isNotBlank().isNotEqualTo("UNKNOWN");
    }

    /** The simulator's error reaches the SDK as real Bedrock's did: same class, status and error code. */
    static void assertSameError(BedrockRuntimeException real, BedrockRuntimeException simulated) {
        log.info(
                "Real Bedrock: {} {} \"{}\"; simulator: {} {} \"{}\"",
                real.statusCode(),
                real.awsErrorDetails().errorCode(),
                real.awsErrorDetails().errorMessage(),
                simulated.statusCode(),
                simulated.awsErrorDetails().errorCode(),
                simulated.awsErrorDetails().errorMessage());
        assertThat(simulated).as("exception class").isExactlyInstanceOf(real.getClass());
        assertThat(simulated.statusCode()).as("HTTP status").isEqualTo(real.statusCode());
        assertThat(simulated.awsErrorDetails().errorCode())
                .as("error code")
                .isEqualTo(real.awsErrorDetails().errorCode());
        assertThat(simulated.awsErrorDetails().errorMessage())
                .as("simulator: message")
                .isNotBlank();
        assertRequestId(real.requestId(), "real Bedrock");
        assertRequestId(simulated.requestId(), "simulator");
    }

    /**
     * Checks the grammar of a stream: messageStart (assistant), then content blocks one after another, numbered
     * from 0, each an optional contentBlockStart, deltas and a contentBlockStop; then messageStop with a known
     * stop reason and metadata with usage and metrics.
     *
     * @return each block's kind in order: {@code text}, {@code reasoning}, {@code toolUse <name>} or {@code empty}
     */
    static List<String> assertStreamGrammar(List<ConverseStreamOutput> events, String side) {
        assertThat(events).as("%s: events", side).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.get(0)).as("%s: first event", side).isInstanceOf(MessageStartEvent.class);
        ConversationRole role = ((MessageStartEvent) events.get(0)).role();
        assertThat(role).as("%s: messageStart role", side).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(events.get(events.size() - 2))
                .as("%s: second to last event", side)
                .isInstanceOfSatisfying(MessageStopEvent.class, stop -> assertKnownStopReason(stop.stopReason(), side));
        assertThat(events.get(events.size() - 1))
                .as("%s: last event", side)
                .isInstanceOfSatisfying(ConverseStreamMetadataEvent.class, metadata -> {
                    assertUsage(metadata.usage(), side);
                    assertThat(metadata.metrics().latencyMs())
                            .as("%s: latencyMs", side)
                            .isNotNull()
                            .isNotNegative();
                });
        Map<Integer, String> kinds = new LinkedHashMap<>();
        int open = -1;
        int next = 0;
        for (ConverseStreamOutput event : events.subList(1, events.size() - 2)) {
            String where = side + ": " + event;
            if (event instanceof ContentBlockStartEvent start) {
                assertThat(open)
                        .as("%s starts while another block is open", where)
                        .isEqualTo(-1);
                assertThat(start.contentBlockIndex()).as(where).isEqualTo(next);
                open = next;
                if (start.start() != null && start.start().toolUse() != null) {
                    kinds.put(open, "toolUse " + start.start().toolUse().name());
                }
            } else if (event instanceof ContentBlockDeltaEvent delta) {
                if (open == -1) {
                    open = next; // Text blocks begin with their first delta.
                }
                assertThat(delta.contentBlockIndex()).as(where).isEqualTo(open);
                kinds.putIfAbsent(open, kind(delta.delta()));
            } else if (event instanceof ContentBlockStopEvent stop) {
                assertThat(stop.contentBlockIndex()).as(where).isEqualTo(open == -1 ? next : open);
                kinds.putIfAbsent(stop.contentBlockIndex(), "empty");
                open = -1;
                next++;
            } else {
                throw new AssertionError(side + ": unexpected event between messageStart and messageStop: " + event);
            }
        }
        assertThat(open).as("%s: a block is never stopped", side).isEqualTo(-1);
        return new ArrayList<>(kinds.values());
    }

    /** The stop reason of a stream whose grammar was checked. */
    static StopReason stopReason(List<ConverseStreamOutput> events) {
        return ((MessageStopEvent) events.get(events.size() - 2)).stopReason();
    }

    /** The usage of a stream whose grammar was checked. */
    static TokenUsage usage(List<ConverseStreamOutput> events) {
        return ((ConverseStreamMetadataEvent) events.get(events.size() - 1)).usage();
    }

    /** The start event of the first tool-use block. */
    static ContentBlockStartEvent toolUseStart(List<ConverseStreamOutput> events, String side) {
        return events.stream()
                .filter(ContentBlockStartEvent.class::isInstance)
                .map(ContentBlockStartEvent.class::cast)
                .filter(start -> start.start() != null && start.start().toolUse() != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError(side + ": no contentBlockStart with a toolUse"));
    }

    /** The text deltas of all blocks, concatenated. */
    static String streamedText(List<ConverseStreamOutput> events) {
        return deltas(events, -1).stream()
                .map(ContentBlockDelta::text)
                .filter(text -> text != null)
                .collect(Collectors.joining());
    }

    /** The tool-input pieces of one block, concatenated: the input as JSON text. */
    static String streamedToolInput(List<ConverseStreamOutput> events, int index) {
        return deltas(events, index).stream()
                .filter(delta -> delta.toolUse() != null)
                .map(delta -> delta.toolUse().input())
                .collect(Collectors.joining());
    }

    /** The deltas of one block, or of every block for index -1. */
    private static List<ContentBlockDelta> deltas(List<ConverseStreamOutput> events, int index) {
        return events.stream()
                .filter(ContentBlockDeltaEvent.class::isInstance)
                .map(ContentBlockDeltaEvent.class::cast)
                .filter(event -> index == -1 || event.contentBlockIndex() == index)
                .map(ContentBlockDeltaEvent::delta)
                .toList();
    }

    private static String kind(ContentBlockDelta delta) {
        if (delta.text() != null) {
            return "text";
        }
        if (delta.reasoningContent() != null) {
            return "reasoning";
        }
        return delta.toolUse() != null ? "toolUse without start" : "other: " + delta;
    }

    private static int zeroIfNull(@Nullable Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
