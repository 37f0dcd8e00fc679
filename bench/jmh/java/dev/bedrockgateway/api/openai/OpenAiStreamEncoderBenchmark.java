package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatStreamEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One text delta of a streamed OpenAI answer: the chunk object alone, and the {@code data: {...}\n\n} bytes
 * the streaming relay writes for it. This runs once per token batch Bedrock sends, the most frequent work
 * the gateway does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenAiStreamEncoderBenchmark {

    /** A delta of the size Bedrock typically sends: a few tokens. */
    private static final ChatStreamEvent TEXT_DELTA = new ChatStreamEvent.ContentBlockDelta(
            0, ChatStreamEvent.ContentBlockDelta.Delta.text(" it is 18 °C and partly cloudy in Paris"));

    private static final String ID = "chatcmpl-3f6d2a9c8b1e4f7a9d0c5b2e8a1f4c7d";
    private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private OpenAiStreamTranslator translator;
    private OpenAiStreamEncoder encoder;

    @Setup
    public void setUp() {
        translator = new OpenAiStreamTranslator(ID, 1_767_225_600L, MODEL, true);
        encoder = new OpenAiStreamEncoder(OpenAiRequestTranslatorBenchmark.JSON, ID, 1_767_225_600L, MODEL, true);
    }

    @Benchmark
    public List<OpenAiChatCompletionChunk> translateTextDelta() {
        return translator.toChunks(TEXT_DELTA);
    }

    @Benchmark
    public List<byte[]> encodeTextDelta() {
        return encoder.encode(TEXT_DELTA);
    }
}
