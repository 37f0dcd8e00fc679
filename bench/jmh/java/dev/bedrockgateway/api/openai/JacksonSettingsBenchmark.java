package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The gateway's own JSON work per OpenAI call (binding the request body, writing the answer) under the Jackson
 * settings worth considering: the application's mapper as configured, and the same with the Blackbird module,
 * which replaces reflective accessors and creators with generated lambdas. Buffer recycling is not a
 * parameter: Jackson 3's default pool is a shared deque, which virtual threads reuse like any other thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JacksonSettingsBenchmark {

    @Param({"application", "blackbird"})
    public String settings;

    private JsonMapper json;
    private OpenAiChatCompletion completion;

    @Setup
    public void setUp() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .changeDefaultPropertyInclusion(value -> value.withValueInclusion(JsonInclude.Include.NON_NULL));
        if (settings.equals("blackbird")) {
            builder.addModule(new BlackbirdModule());
        }
        json = builder.build();
        ChatResponse response = new ChatResponse("us.anthropic.claude-3-5-haiku-20241022-v1:0",
                new Message(Role.ASSISTANT, List.of(ContentBlock.text(
                        "It is 18 °C and partly cloudy in Paris, with a light wind from the west."))),
                "end_turn", new TokenUsage(412, 21, 433, null, null), 640, null);
        completion = OpenAiResponseTranslator.toCompletion(response, "anthropic.claude-3-5-haiku-20241022-v1:0",
                "chatcmpl-3f6d2a9c8b1e4f7a9d0c5b2e8a1f4c7d", 1_767_225_600L);
    }

    /** What Spring's message converter does with a request body. */
    @Benchmark
    public OpenAiChatRequest readRequest() {
        return json.readValue(OpenAiRequestTranslatorBenchmark.BODY, OpenAiChatRequest.class);
    }

    /** What it does with a non-streaming answer. */
    @Benchmark
    public byte[] writeCompletion() {
        return json.writeValueAsBytes(completion);
    }
}
