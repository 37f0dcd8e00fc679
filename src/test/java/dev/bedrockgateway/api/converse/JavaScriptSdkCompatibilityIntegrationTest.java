package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stock AWS SDK for JavaScript v3 ({@code src/test/js/bedrock-sdk-client}), pointed at the gateway with
 * nothing but its endpoint changed, works as it does against Bedrock: over HTTP/2 with the SDK's default
 * request handler, the gateway key sent as a Bedrock API key.
 */
@GatewayIntegrationTest
class JavaScriptSdkCompatibilityIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    private static final Path CLIENT_SOURCES = Path.of("src", "test", "js", "bedrock-sdk-client");
    private static final List<String> CLIENT_FILES = List.of("package.json", "package-lock.json", "converse.mjs");
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path client;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    /** Installs the client's locked dependencies once, into the build directory rather than the sources. */
    @BeforeAll
    static void installClient() throws IOException, InterruptedException, URISyntaxException {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "node and npm are not on the PATH: the AWS SDK for JavaScript cannot run here");
        client = buildDirectory().resolve("js").resolve("bedrock-sdk-client");
        Files.createDirectories(client);
        for (String file : CLIENT_FILES) {
            Files.copy(CLIENT_SOURCES.resolve(file), client.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Finished install = run(client, INSTALL_TIMEOUT, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as(install.describe()).isZero();
    }

    @Test
    void converseAndConverseStreamWhenOnlyTheEndpointChangesThenTheJavaScriptSdkGetsBothAnswersOverHttp2()
            throws IOException, InterruptedException {
        ClientReport report = runClient(GatewayClient.DEMO_KEY, "Hello from JavaScript", 0);

        assertThat(report.handlerProtocol()).isEqualTo("h2");
        Answer answer = report.converse();
        assertThat(answer.text()).isEqualTo("Simulated reply to: Hello from JavaScript");
        assertThat(answer.stopReason()).isEqualTo("end_turn");
        assertThat(answer.usage()).isEqualTo(new Usage(3, 6, 9));
        assertThat(answer.protocol()).isEqualTo("HTTP/2");
        StreamedAnswer streamed = report.converseStream();
        assertThat(streamed.text()).isEqualTo("Simulated reply to: Hello from JavaScript");
        assertThat(streamed.deltas()).isGreaterThan(1);
        assertThat(streamed.events())
                .isEqualTo(streamed.deltas() + 4)
                .isEqualTo(streamed.eventTypes().size());
        assertThat(streamed.eventTypes())
                .startsWith("messageStart", "contentBlockDelta")
                .endsWith("contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
        assertThat(streamed.stopReason()).isEqualTo("end_turn");
        assertThat(streamed.usage()).isEqualTo(new Usage(3, 6, 9));
        assertThat(streamed.protocol()).isEqualTo("HTTP/2");
        assertThat(simulator.received())
                .extracting(RecordedRequest::operation, RecordedRequest::modelId)
                .containsExactly(tuple("converse", NOVA_LITE), tuple("converse-stream", NOVA_LITE));
    }

    @Test
    void converseWhenTheApiKeyIsUnknownThenTheJavaScriptSdkThrowsUnrecognizedClientException()
            throws IOException, InterruptedException {
        ClientReport report = runClient("not-a-gateway-key", "Hello", 1);

        assertThat(report.error().name()).isEqualTo("UnrecognizedClientException");
        assertThat(report.error().message()).isEqualTo("Invalid API key");
        assertThat(report.error().httpStatusCode()).isEqualTo(401);
        assertThat(simulator.received()).isEmpty();
    }

    /** Runs converse.mjs against the gateway and reads the JSON line it prints last. */
    private ClientReport runClient(String apiKey, String prompt, int expectedExitCode)
            throws IOException, InterruptedException {
        Finished node = run(
                client,
                RUN_TIMEOUT,
                Map.of("GATEWAY_API_KEY", apiKey),
                "node",
                "converse.mjs",
                "--endpoint",
                gateway.baseUri().toString(),
                "--model",
                NOVA_LITE,
                "--prompt",
                prompt);
        assertThat(node.exitCode()).as(node.describe()).isEqualTo(expectedExitCode);
        List<String> lines =
                node.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(node.describe()).isNotEmpty();
        return JSON.readValue(lines.get(lines.size() - 1), ClientReport.class);
    }

    private static boolean onPath(String program) throws InterruptedException {
        try {
            return run(Path.of("."), RUN_TIMEOUT, Map.of(), program, "--version")
                            .exitCode()
                    == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    /** The Maven build directory ({@code build.dir}): where the compiled test classes are. */
    private static Path buildDirectory() throws URISyntaxException {
        return Path.of(JavaScriptSdkCompatibilityIntegrationTest.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent();
    }

    /** Runs a command to its end, or fails the test with its output once the timeout has passed. */
    private static Finished run(Path directory, Duration timeout, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        // Files rather than pipes: a chatty process can never block on a full pipe buffer.
        Path stdout = Files.createTempFile("js-sdk-", ".out");
        Path stderr = Files.createTempFile("js-sdk-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly().waitFor();
            }
            Finished finished = new Finished(
                    String.join(" ", command),
                    done ? process.exitValue() : -1,
                    Files.readString(stdout),
                    Files.readString(stderr));
            if (!done) {
                fail("Not finished after " + timeout + ": " + finished.describe());
            }
            return finished;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private record Finished(String command, int exitCode, String stdout, String stderr) {

        String describe() {
            return "%s (exit code %d)%n--- stdout%n%s%n--- stderr%n%s".formatted(command, exitCode, stdout, stderr);
        }
    }

    /** The line converse.mjs prints: both answers on success, the SDK's exception otherwise. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClientReport(String handlerProtocol, Answer converse, StreamedAnswer converseStream, Failure error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String text, String stopReason, Usage usage, String protocol) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StreamedAnswer(
            String text,
            int deltas,
            int events,
            List<String> eventTypes,
            String stopReason,
            Usage usage,
            String protocol) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(int inputTokens, int outputTokens, int totalTokens) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failure(String name, String message, Integer httpStatusCode) {}
}
