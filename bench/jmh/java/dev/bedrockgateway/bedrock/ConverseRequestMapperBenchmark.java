package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.api.openai.OpenAiChatRequest;
import dev.bedrockgateway.api.openai.OpenAiRequestTranslator;
import dev.bedrockgateway.api.openai.OpenAiRequestTranslatorBenchmark;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.error.GatewayException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mapping the core request to the SDK's request types, for Converse and for ConverseStream (which maps to
 * a ConverseRequest first and copies it). The input is the translated OpenAI tool-calling turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConverseRequestMapperBenchmark {

    private static final String BEDROCK_MODEL_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    private ChatRequest request;

    @Setup
    public void setUp() {
        JsonMapper json = JsonMapper.builder().build();
        request = OpenAiRequestTranslator.toChatRequest(
                json.readValue(OpenAiRequestTranslatorBenchmark.BODY, OpenAiChatRequest.class),
                (url, field) -> {
                    throw GatewayException.invalid(field, "no images in this benchmark");
                },
                json);
    }

    @Benchmark
    public ConverseRequest toSdk() {
        return ConverseRequestMapper.toSdk(BEDROCK_MODEL_ID, request);
    }

    @Benchmark
    public ConverseStreamRequest toSdkStream() {
        return ConverseRequestMapper.toSdkStream(BEDROCK_MODEL_ID, request);
    }
}
