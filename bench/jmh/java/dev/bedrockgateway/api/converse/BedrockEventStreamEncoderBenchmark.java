package dev.bedrockgateway.api.converse;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.eventstream.EventStreamFrames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code contentBlockDelta} of {@code /model/{id}/converse-stream}: the whole encoding (JSON payload
 * plus binary event-stream frame), and the framing alone of an already serialised payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BedrockEventStreamEncoderBenchmark {

    /** A delta of the size Bedrock typically sends: a few tokens. */
    private static final ChatStreamEvent TEXT_DELTA = new ChatStreamEvent.ContentBlockDelta(
            0, ChatStreamEvent.ContentBlockDelta.Delta.text(" it is 18 °C and partly cloudy in Paris"));

    private BedrockEventStreamEncoder encoder;
    private byte[] payload;

    @Setup
    public void setUp() {
        // Configured like the application's mapper (spring.jackson.default-property-inclusion: non_null).
        JsonMapper json = JsonMapper.builder()
                .changeDefaultPropertyInclusion(value -> value.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        encoder = new BedrockEventStreamEncoder(json);
        payload = json.writeValueAsBytes(TEXT_DELTA);
    }

    @Benchmark
    public List<byte[]> encodeTextDelta() {
        return encoder.encode(TEXT_DELTA);
    }

    @Benchmark
    public byte[] frameOnly() {
        return EventStreamFrames.event("contentBlockDelta", payload);
    }
}
