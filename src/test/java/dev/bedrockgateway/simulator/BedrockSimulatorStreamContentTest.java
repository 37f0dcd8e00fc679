package dev.bedrockgateway.simulator;

import static dev.bedrockgateway.simulator.SimulatorRequests.MODEL;
import static dev.bedrockgateway.simulator.SimulatorRequests.request;
import static dev.bedrockgateway.simulator.SimulatorRequests.stream;
import static dev.bedrockgateway.simulator.SimulatorRequests.streamInto;
import static dev.bedrockgateway.simulator.SimulatorRequests.streamRequest;
import static dev.bedrockgateway.simulator.SimulatorRequests.text;
import static dev.bedrockgateway.simulator.SimulatorRequests.thinking;
import static dev.bedrockgateway.simulator.SimulatorRequests.timeTool;
import static dev.bedrockgateway.simulator.SimulatorRequests.toJson;
import static dev.bedrockgateway.simulator.SimulatorRequests.tools;
import static dev.bedrockgateway.simulator.SimulatorRequests.user;
import static dev.bedrockgateway.simulator.SimulatorRequests.weatherTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput.EventType;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import tools.jackson.databind.json.JsonMapper;

/** ConverseStream events for tool use, reasoning and output-less answers, through the real AWS SDK client. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorStreamContentTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final BedrockSimulator simulator;
    private final BedrockRuntimeAsyncClient client;

    BedrockSimulatorStreamContentTest(BedrockSimulator simulator, BedrockRuntimeAsyncClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    @Test
    void toolCallsStreamedThenEachToolBlockStartsWithIdAndNameAndItsInputPiecesReassembleToTheConverseInput() {
        ConverseRequest request = request(b -> b.messages(user(text("weather and time city=Rome days=2")))
                .toolConfig(tools(weatherTool(), timeTool())));
        List<ContentBlock> answer =
                client.converse(request).join().output().message().content();

        List<ConverseStreamOutput> events = stream(client, streamRequest(request));

        assertThat(events)
                .extracting(ConverseStreamOutput::sdkEventType)
                .containsExactly(
                        EventType.MESSAGE_START,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_STOP,
                        EventType.CONTENT_BLOCK_START,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_DELTA,
                        EventType.CONTENT_BLOCK_STOP,
                        // The time tool has an empty input: no delta at all between start and stop.
                        EventType.CONTENT_BLOCK_START,
                        EventType.CONTENT_BLOCK_STOP,
                        EventType.MESSAGE_STOP,
                        EventType.METADATA);
        assertThat(texts(events, 0)).isEqualTo(answer.get(0).text()).isEqualTo("Calling weather, time.");
        for (int index = 1; index <= 2; index++) {
            ToolUseBlock expected = answer.get(index).toolUse();
            ContentBlockStartEvent start = starts(events).get(index - 1);
            assertThat(start.contentBlockIndex()).isEqualTo(index);
            assertThat(start.start().toolUse().toolUseId()).isEqualTo(expected.toolUseId());
            assertThat(start.start().toolUse().name()).isEqualTo(expected.name());
            String input = deltas(events, index).stream()
                    .map(d -> d.delta().toolUse().input())
                    .collect(Collectors.joining());
            assertThat(json.readTree(input.isEmpty() ? "{}" : input)).isEqualTo(toJson(expected.input()));
        }
        assertThat(stops(events)).containsExactly(0, 1, 2);
        assertThat(((MessageStopEvent) events.get(events.size() - 2)).stopReason())
                .isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void reasoningStreamedThenTextPiecesAndOneSignatureDeltaPrecedeTheTextBlock() {
        ConverseRequest request = request(
                b -> b.messages(user(text("Why is the sky blue?"))).additionalModelRequestFields(thinking(1024)));
        List<ContentBlock> answer =
                client.converse(request).join().output().message().content();

        List<ConverseStreamOutput> events = stream(client, streamRequest(request));

        List<ContentBlockDeltaEvent> reasoning = deltas(events, 0);
        assertThat(reasoning).hasSizeGreaterThan(2);
        assertThat(reasoning.subList(0, reasoning.size() - 1).stream()
                        .map(d -> d.delta().reasoningContent().text())
                        .collect(Collectors.joining()))
                .isEqualTo(answer.get(0).reasoningContent().reasoningText().text());
        assertThat(reasoning
                        .get(reasoning.size() - 1)
                        .delta()
                        .reasoningContent()
                        .signature())
                .isEqualTo(answer.get(0).reasoningContent().reasoningText().signature());
        assertThat(texts(events, 1)).isEqualTo(answer.get(1).text());
        assertThat(starts(events)).isEmpty();
        assertThat(stops(events)).containsExactly(0, 1);
    }

    @Test
    void cacheFieldsThenTheStreamMetadataCarriesThem() {
        ConverseRequest request = request(b -> b.messages(
                user(text("Hello there"), ContentBlock.fromCachePoint(c -> c.type("default")), text("and more"))));

        List<ConverseStreamOutput> events = stream(client, streamRequest(request));

        ConverseStreamMetadataEvent metadata = (ConverseStreamMetadataEvent) events.get(events.size() - 1);
        assertThat(metadata.usage().cacheWriteInputTokens()).isEqualTo(2);
        assertThat(metadata.usage().cacheReadInputTokens()).isZero();
        assertThat(metadata.usage().inputTokens()).isEqualTo(2);
    }

    @Test
    void answerWithoutOutputThenTheStreamHasNoContentEventsAndStopsForTheGuardrail() {
        simulator.answerWithoutOutput(MODEL);

        List<ConverseStreamOutput> events =
                stream(client, streamRequest(request(b -> b.messages(user(text("Something bad"))))));

        assertThat(events)
                .extracting(ConverseStreamOutput::sdkEventType)
                .containsExactly(EventType.MESSAGE_START, EventType.MESSAGE_STOP, EventType.METADATA);
        assertThat(((MessageStopEvent) events.get(1)).stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(((ConverseStreamMetadataEvent) events.get(2)).usage().inputTokens())
                .isEqualTo(2);
    }

    @Test
    void aStreamFaultThenItCountsToolInputDeltasLikeTextDeltas() {
        // "Calling weather." is 2 text deltas; the fault comes after the first tool-input delta.
        simulator.failStreamsFor(MODEL, 3, SimulatorFault.throttling());
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();

        Throwable failure = catchThrowable(() -> streamInto(
                        client,
                        streamRequest(
                                request(b -> b.messages(user(text("weather"))).toolConfig(tools(weatherTool())))),
                        events)
                .join());

        assertThat(failure)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ThrottlingException.class)
                .hasMessageContaining("Too many requests, please wait before trying again.");
        List<ContentBlockDeltaEvent> deltas = events.stream()
                .filter(ContentBlockDeltaEvent.class::isInstance)
                .map(ContentBlockDeltaEvent.class::cast)
                .toList();
        assertThat(deltas).hasSize(3);
        assertThat(deltas.get(2).delta().toolUse()).isNotNull();
        assertThat(events).extracting(ConverseStreamOutput::sdkEventType).doesNotContain(EventType.MESSAGE_STOP);
    }

    @Test
    void aDroppedStreamLosesItsConnectionAfterTheScriptedDeltasAndTheSdkSeesNoMessageStop() {
        simulator.dropStreamsFor(MODEL, 2);
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();

        // The AWS SDK (Netty) ends such a stream as if it were whole, without an error: only the missing messageStop
        // tells, which is why the gateway checks for it.
        streamInto(client, streamRequest(request(b -> b.messages(user(text("one two three four five"))))), events)
                .join();

        assertThat(events.stream().filter(ContentBlockDeltaEvent.class::isInstance))
                .hasSize(2);
        assertThat(events).extracting(ConverseStreamOutput::sdkEventType).doesNotContain(EventType.MESSAGE_STOP);
    }

    @Test
    void aStalledStreamSendsItsFirstEventOnlyAfterTheStall() {
        simulator.stallStreamsFor(MODEL, java.time.Duration.ofMillis(700));
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        streamInto(client, streamRequest(request(b -> b.messages(user(text("Hi"))))), events)
                .join();

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(700));
        assertThat(events).extracting(ConverseStreamOutput::sdkEventType).contains(EventType.MESSAGE_STOP);
    }

    private static List<ContentBlockDeltaEvent> deltas(List<ConverseStreamOutput> events, int index) {
        return events.stream()
                .filter(ContentBlockDeltaEvent.class::isInstance)
                .map(ContentBlockDeltaEvent.class::cast)
                .filter(delta -> delta.contentBlockIndex() == index)
                .toList();
    }

    private static String texts(List<ConverseStreamOutput> events, int index) {
        return deltas(events, index).stream().map(d -> d.delta().text()).collect(Collectors.joining());
    }

    private static List<ContentBlockStartEvent> starts(List<ConverseStreamOutput> events) {
        return events.stream()
                .filter(ContentBlockStartEvent.class::isInstance)
                .map(ContentBlockStartEvent.class::cast)
                .toList();
    }

    private static List<Integer> stops(List<ConverseStreamOutput> events) {
        return events.stream()
                .filter(ContentBlockStopEvent.class::isInstance)
                .map(e -> ((ContentBlockStopEvent) e).contentBlockIndex())
                .toList();
    }
}
