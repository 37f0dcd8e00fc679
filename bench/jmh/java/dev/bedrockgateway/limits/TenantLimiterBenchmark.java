package dev.bedrockgateway.limits;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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

/**
 * One call's limit check as {@code ChatService} makes it, with the in-memory store: {@link TenantLimiter#admit}
 * after routing, then {@link Permit#settle} with the usage of the answer (the fake Bedrock's 12 input and 8 output
 * tokens), priced from the built-in model catalog as the gateway prices it. Three tenants: one with no limits (the
 * call is still settled: usage and cost are counted for every tenant), one with requests and tokens per minute, and
 * one with those plus a per-model glob limit, a limit on calls in flight and a daily budget. The limits are far above
 * what a run can use, so no call is refused and every call takes the admitting path. The input estimate is a
 * constant here ({@code TokenEstimate} walks the request in the gateway; the end-to-end benchmark includes it).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TenantLimiterBenchmark {

    /** The model as the benchmark's callers name it, and the profile routing sends it to. */
    private static final String REQUESTED = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private static final String BEDROCK = "us." + REQUESTED;
    private static final long HIGH = 1_000_000_000_000L;
    private static final TokenCounts USED = new TokenCounts(12, 8, 0, 0);
    private static final LongSupplier INPUT_ESTIMATE = () -> 30;
    private static final Integer MAX_TOKENS = 256;

    private TenantLimiter limiter;
    private Tenant unlimited;
    private Tenant rates;
    private Tenant everything;

    @Setup
    public void setUp() throws NoSuchMethodException {
        ModelCatalog catalog = BeanUtils.instantiateClass(
                ModelCatalog.class.getDeclaredConstructor(JsonMapper.class),
                JsonMapper.builder().build());
        TenantLimits ratesOnly = new TenantLimits(HIGH, HIGH, 0, 0, 0, List.of());
        TenantLimits all = new TenantLimits(
                HIGH,
                HIGH,
                1_000_000,
                1_000_000_000L * 1_000_000L,
                0,
                List.of(new TenantLimits.ModelLimit("*haiku*", Tenant.glob("*haiku*"), HIGH, HIGH)));
        Clock clock = Clock.systemUTC();
        limiter = new TenantLimiter(
                TenantLimitsTable.of(Map.of("rates", ratesOnly, "everything", all)),
                new MemoryLimitStore(clock),
                new Pricing(catalog, Map.of()),
                TestLimiters.properties("auto"),
                clock,
                new SimpleMeterRegistry());
        unlimited = tenant("unlimited");
        rates = tenant("rates");
        everything = tenant("everything");
        if (call(everything) == null) {
            throw new IllegalStateException(BEDROCK + " has no price in the catalog: the budget case would not price");
        }
    }

    @Benchmark
    public @Nullable Double noLimits() {
        return call(unlimited);
    }

    @Benchmark
    public @Nullable Double requestsAndTokensPerMinute() {
        return call(rates);
    }

    @Benchmark
    public @Nullable Double ratesModelGlobConcurrencyAndBudget() {
        return call(everything);
    }

    private @Nullable Double call(Tenant tenant) {
        Permit permit = limiter.admit(tenant, REQUESTED, BEDROCK, INPUT_ESTIMATE, MAX_TOKENS);
        GatewayException refusal = permit.refusal();
        if (refusal != null) {
            throw refusal;
        }
        return permit.settle(BEDROCK, USED);
    }

    private static Tenant tenant(String id) {
        return new Tenant(
                id,
                null,
                Set.of(),
                List.of(),
                List.of(),
                new TenancyProperties.Aws(null, null, null, null, null, null));
    }
}
