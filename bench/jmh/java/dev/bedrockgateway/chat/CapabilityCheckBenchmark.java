package dev.bedrockgateway.chat;

import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.beans.BeanUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the model's capabilities cost each chat call before it is sent: the catalog lookup of the routed model, the
 * capability checks (cache points and their TTL order, tools, media, thinking) and the service-tier choice, on a
 * request shaped like a coding agent's turn (a system prompt with a cache point, 20 tools, 40 messages with a cache
 * point near the end) and on a one-line question.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CapabilityCheckBenchmark {

    private static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private ModelCatalog catalog;
    private ChatRequest agentTurn;
    private ChatRequest question;

    @Setup
    public void setUp() throws NoSuchMethodException {
        catalog = BeanUtils.instantiateClass(
                ModelCatalog.class.getDeclaredConstructor(JsonMapper.class),
                JsonMapper.builder().build());
        List<ToolConfig.Tool> tools = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tools.add(new ToolConfig.Tool(
                    new ToolConfig.ToolSpec(
                            "tool_" + i,
                            "does thing " + i,
                            new ToolConfig.InputSchema(
                                    JsonNodeFactory.instance.objectNode().put("type", "object"))),
                    null));
        }
        tools.add(new ToolConfig.Tool(null, CachePoint.DEFAULT));
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<ContentBlock> content = new ArrayList<>(List.of(ContentBlock.text("turn " + i)));
            if (i == 38) {
                content.add(ContentBlock.checkpoint());
            }
            messages.add(new Message(i % 2 == 0 ? Role.USER : Role.ASSISTANT, content));
        }
        agentTurn = request(
                messages,
                List.of(SystemBlock.text("You are an agent."), new SystemBlock(null, CachePoint.DEFAULT)),
                new ToolConfig(tools, ToolConfig.ToolChoice.automatic()));
        question = request(List.of(new Message(Role.USER, List.of(ContentBlock.text("Hi")))), List.of(), null);
    }

    private static ChatRequest request(List<Message> messages, List<SystemBlock> system, @Nullable ToolConfig tools) {
        return new ChatRequest(MODEL, messages, system, tools, null, null, List.of(), Map.of(), null, null);
    }

    @Benchmark
    public @Nullable String agentTurn() {
        return prepare(agentTurn);
    }

    @Benchmark
    public @Nullable String question() {
        return prepare(question);
    }

    /** As ChatService prepares a routed request, without the thinking fields (no effort asked). */
    private @Nullable String prepare(ChatRequest request) {
        ModelCapabilities can = catalog.capabilities(MODEL);
        CapabilityCheck.check(request, MODEL, can, false);
        return ServiceTierChoice.of(request.serviceTier(), null, MODEL, can);
    }
}
