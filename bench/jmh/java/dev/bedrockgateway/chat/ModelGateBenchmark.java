package dev.bedrockgateway.chat;

import dev.bedrockgateway.limits.TestLimiters;
import dev.bedrockgateway.routing.BreakerProperties;
import dev.bedrockgateway.routing.FallbackChains;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.routing.RoutingContext;
import dev.bedrockgateway.routing.RoutingProperties;
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.beans.BeanUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resilience layer's cost on the happy path, side by side with it off: one call through
 * {@link ModelGate#send} whose (instant) upstream answers at once, with retries, a fallback chain and a circuit
 * breaker per tenant and model configured ({@code resilient}), and with one attempt, no chain and no breakers
 * ({@code bare}). Routing is done once in set-up, as the gate's caller does it before; what remains is the attempt
 * loop, the chain lookup and the breaker's permission and outcome.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ModelGateBenchmark {

    private static final String REQUESTED = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private ModelGate resilient;
    private ModelGate bare;
    private Tenant tenant;
    private Upstream route;

    @Setup
    public void setUp() throws NoSuchMethodException {
        ModelCatalog catalog = BeanUtils.instantiateClass(
                ModelCatalog.class.getDeclaredConstructor(JsonMapper.class),
                JsonMapper.builder().build());
        ModelRoutingService routing = BeanUtils.instantiateClass(
                ModelRoutingService.class.getDeclaredConstructor(ModelCatalog.class, RoutingProperties.class),
                catalog,
                new RoutingProperties(
                        null,
                        Map.of(),
                        Map.of(),
                        new RoutingProperties.Discovery(false, Duration.ofHours(6)),
                        List.of()));
        ChatBackend regions = new ChatBackend() {
            @Override
            public ChatResponse converse(AwsTarget target, String bedrockModelId, ChatRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ChatStream converseStream(
                    AwsTarget target, String bedrockModelId, ChatRequest request, ChatStreamListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String region(AwsTarget target) {
                return "us-east-1";
            }
        };
        RetryProperties retry = new RetryProperties(
                Set.of(RetryReason.THROTTLED, RetryReason.UNAVAILABLE, RetryReason.TIMEOUT),
                3,
                new RetryProperties.Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), RetryProperties.Jitter.FULL),
                Duration.ofSeconds(60),
                Duration.ZERO);
        resilient = new ModelGate(
                routing,
                regions,
                TestLimiters.unlimited(),
                retry,
                FallbackChains.of(Map.of(REQUESTED, List.of("anthropic.claude-3-haiku-20240307-v1:0"))),
                new ModelBreakers(
                        new BreakerProperties(true, 50, 10, 20, Duration.ofSeconds(30), 1),
                        catalog,
                        new SimpleMeterRegistry()));
        bare = new ModelGate(
                routing,
                regions,
                TestLimiters.unlimited(),
                RetryProperties.none(),
                FallbackChains.of(Map.of()),
                new ModelBreakers(
                        new BreakerProperties(false, 50, 10, 20, Duration.ofSeconds(30), 1),
                        catalog,
                        new SimpleMeterRegistry()));
        tenant = new Tenant("bench", null, Set.of(), List.of(), List.of(), new Aws(null, null, null, null, null, null));
        route = new Upstream(
                tenant.targets().get(0), routing.route(REQUESTED, new RoutingContext("us-east-1", null, Set.of())));
    }

    @Benchmark
    public String resilient() {
        ChatCall call = new ChatCall(tenant, 0);
        return resilient.send(call, REQUESTED, route, (target, modelId) -> modelId);
    }

    @Benchmark
    public String bare() {
        ChatCall call = new ChatCall(tenant, 0);
        return bare.send(call, REQUESTED, route, (target, modelId) -> modelId);
    }
}
