package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.media.ImageSource;
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
 * The OpenAI request path before Bedrock is called: binding the JSON body (as Spring's message converter
 * does) and translating it to the core request. The body is a typical tool-calling turn: the user's question,
 * the assistant's tool call and the tool's answer, with one function defined.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenAiRequestTranslatorBenchmark {

    /** A three-message Chat Completions body with one tool; shared with the SDK mapping benchmark. */
    public static final String BODY = """
            {
              "model": "anthropic.claude-3-5-haiku-20241022-v1:0",
              "messages": [
                {"role": "user", "content": "What is the weather like in Paris today? Answer in one sentence."},
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_9f2c4e7a1b", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_9f2c4e7a1b",
                 "content": "{\\"temperature\\":18,\\"condition\\":\\"partly cloudy\\",\\"wind_kph\\":12}"}
              ],
              "tools": [
                {"type": "function", "function": {
                  "name": "get_weather",
                  "description": "Current weather for a city",
                  "parameters": {
                    "type": "object",
                    "properties": {
                      "city": {"type": "string", "description": "City name, e.g. Paris"},
                      "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                    },
                    "required": ["city"]
                  }
                }}
              ],
              "tool_choice": "auto",
              "max_tokens": 512,
              "temperature": 0.7,
              "stream": true
            }
            """;

    /** The body has no images; a call to this would mean the benchmark measures the wrong path. */
    static final ImageSource NO_IMAGES = (url, field) -> {
        throw GatewayException.invalid(field, "no images in this benchmark");
    };

    /** Configured like the application's mapper ({@code spring.jackson.default-property-inclusion: non_null}). */
    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(value -> value.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private OpenAiChatRequest parsed;

    @Setup
    public void setUp() {
        parsed = JSON.readValue(BODY, OpenAiChatRequest.class);
    }

    /** Binding plus translation: the whole per-request cost before routing. */
    @Benchmark
    public ChatRequest parseAndTranslate() {
        return OpenAiRequestTranslator.toChatRequest(JSON.readValue(BODY, OpenAiChatRequest.class), NO_IMAGES, JSON);
    }

    /** Translation alone, from an already bound body. */
    @Benchmark
    public ChatRequest translate() {
        return OpenAiRequestTranslator.toChatRequest(parsed, NO_IMAGES, JSON);
    }
}
