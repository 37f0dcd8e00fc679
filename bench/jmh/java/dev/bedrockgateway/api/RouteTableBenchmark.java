package dev.bedrockgateway.api;

import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.http.ResponseEntity;

/**
 * Looking a path up in the route table, as the first filter does once per request (later ones read the route
 * the request carries): the table the gateway builds from its two styles, for a chat path of each style and for
 * a path under no style.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteTableBenchmark {

    private RouteTable routes;

    @Setup
    public void setUp() {
        routes = new RouteTable(List.of(
                style("openai", List.of("/v1/**"), List.of("/v1/chat/completions"), true),
                style(
                        "bedrock-wire",
                        List.of("/model/**"),
                        List.of("/model/{modelId}/converse", "/model/{modelId}/converse-stream"),
                        false)));
    }

    @Benchmark
    public RouteTable.Route chatCompletions() {
        return routes.match("/v1/chat/completions");
    }

    @Benchmark
    public RouteTable.Route converseStream() {
        return routes.match("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream");
    }

    @Benchmark
    public RouteTable.Route unclaimed() {
        return routes.match("/actuator/health");
    }

    private static ApiStyle style(String tag, List<String> areas, List<String> chatPaths, boolean fallback) {
        return new ApiStyle() {
            @Override
            public String tag() {
                return tag;
            }

            @Override
            public List<String> areas() {
                return areas;
            }

            @Override
            public List<String> chatPaths() {
                return chatPaths;
            }

            @Override
            public boolean fallback() {
                return fallback;
            }

            @Override
            public ResponseEntity<Object> error(GatewayException error) {
                return ResponseEntity.status(error.kind().status()).build();
            }
        };
    }
}
