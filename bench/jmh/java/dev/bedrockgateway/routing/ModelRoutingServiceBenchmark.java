package dev.bedrockgateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Routing the three common model-name forms with the built-in catalog and default settings, for a caller
 * in us-east-1: a direct ID (rewritten to its us. profile), the same behind {@code bedrock/}, and an
 * inference-profile ID (passed through after the geography check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ModelRoutingServiceBenchmark {

    private static final RoutingContext CONTEXT = new RoutingContext("us-east-1", null, Set.of());

    private ModelRoutingService routing;

    @Setup
    public void setUp() {
        routing = new ModelRoutingService(
                new ModelCatalog(JsonMapper.builder().build()),
                new RoutingProperties(
                        null,
                        Map.of(),
                        Map.of(),
                        new RoutingProperties.Discovery(false, Duration.ofHours(6)),
                        List.of()));
    }

    @Benchmark
    public ModelRoute directId() {
        return routing.route("anthropic.claude-3-5-haiku-20241022-v1:0", CONTEXT);
    }

    @Benchmark
    public ModelRoute bedrockPrefixedId() {
        return routing.route("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", CONTEXT);
    }

    @Benchmark
    public ModelRoute inferenceProfileId() {
        return routing.route("us.anthropic.claude-sonnet-4-5-20250929-v1:0", CONTEXT);
    }
}
