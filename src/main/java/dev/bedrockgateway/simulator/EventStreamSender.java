package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a list of stream events as a 200 {@code application/vnd.amazon.eventstream} answer, the part that
 * ConverseStream and InvokeModelWithResponseStream share: the configured pause before each delta, the
 * scripted mid-stream fault (an exception frame after a number of deltas) and the record of callers that went
 * away before the end. How an event becomes a frame is up to each operation.
 */
final class EventStreamSender {

    /** Turns one event into one event-stream frame. */
    @FunctionalInterface
    interface FrameEncoder {

        /**
         * @param padding for a delta, the random-length {@code "p"} field real Bedrock pads events with (clients
         *     must ignore it); {@code null} for other events
         */
        byte[] frame(StreamEvent event, @Nullable String padding);
    }

    private static final String PADDING = "abcdefghij";

    private final JsonMapper json;
    private final SimulatorState state;

    EventStreamSender(JsonMapper json, SimulatorState state) {
        this.json = json;
        this.state = state;
    }

    /**
     * Answers 200 with these extra response headers and streams the events, or fewer of them and then the
     * exception frame of a fault configured with {@link SimulatorState#failStreamsFor}.
     */
    void send(
            HttpExchange exchange,
            String modelId,
            Map<String, String> headers,
            List<StreamEvent> events,
            FrameEncoder encoder)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        SimulatorState.StreamFault fault = state.streamFaultFor(modelId);
        int dropAfter = state.dropAfterFor(modelId);
        long totalDeltas = events.stream().filter(StreamEvent::delta).count();
        // With fewer deltas than scripted, the fault follows the last delta (or the first event if there is none).
        long failAfter = fault == null ? -1 : Math.min(fault.afterDeltas(), totalDeltas);
        int sent = 0;
        try {
            // A stalled model: the answer has begun, and then nothing comes.
            pause(state.stallFor(modelId));
            for (int i = 0; i < events.size(); i++) {
                StreamEvent event = events.get(i);
                String padding = null;
                if (event.delta()) {
                    pause(state.streamDeltaDelay());
                    padding = PADDING.substring(0, 1 + sent % PADDING.length());
                }
                write(out, encoder.frame(event, padding));
                if (event.delta()) {
                    sent++;
                    if (sent == dropAfter) {
                        throw new ConnectionDrop(modelId);
                    }
                }
                if (fault != null && sent == failAfter && (event.delta() || i == 0)) {
                    write(out, exception(fault.fault()));
                    return;
                }
            }
        } catch (IOException e) {
            // Writing failed: the caller (the gateway) closed the connection mid-stream.
            state.recordCancelledStream(modelId);
        }
    }

    private byte[] exception(SimulatorFault fault) {
        return EventStreamFrames.exception(
                fault.streamExceptionType(),
                json.writeValueAsBytes(json.createObjectNode().put("message", fault.message())));
    }

    private static void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    private static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
