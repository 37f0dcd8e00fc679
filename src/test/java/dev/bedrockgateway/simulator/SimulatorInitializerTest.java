package dev.bedrockgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The simulator plugs itself into an application only when asked, hands it no more than a deployment would
 * (endpoints, SigV4, dummy credentials), and stops with the context.
 */
class SimulatorInitializerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withInitializer(new SimulatorInitializer());

    @Test
    void initializeWhenNotEnabledThenStartsNothingAndSetsNothing() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(BedrockSimulator.class);
            assertThat(context).doesNotHaveBean(AwsCredentialsProvider.class);
            assertThat(context.getEnvironment().getProperty("gateway.bedrock.endpoint"))
                    .isNull();
        });
    }

    @Test
    void initializeWhenEnabledThenPointsTheGatewayAtARunningSimulatorWithDummyKeysAndSigV4() {
        runner.withPropertyValues(
                        "gateway.simulator.enabled=true", "gateway.bedrock.endpoint=https://bedrock.example.com")
                .run(context -> {
                    URI endpoint = context.getBean(BedrockSimulator.class).endpoint();
                    var environment = context.getEnvironment();

                    assertThat(environment.getProperty("gateway.bedrock.endpoint"))
                            .as("the simulator's endpoint wins over configured ones")
                            .isEqualTo(endpoint.toString());
                    assertThat(environment.getProperty("gateway.bedrock.control-plane-endpoint"))
                            .isEqualTo(endpoint.toString());
                    assertThat(environment.getProperty("gateway.bedrock.auth")).isEqualTo("sigv4");
                    assertThat(context.getBean(AwsCredentialsProvider.class)
                                    .resolveCredentials()
                                    .accessKeyId())
                            .isEqualTo("AKIDSIMULATOR");
                    assertThat(get(endpoint.resolve("/inference-profiles")).statusCode())
                            .isEqualTo(200);
                });
    }

    @Test
    void aFaultScriptedInConfigurationIsAnsweredFromTheStart() {
        runner.withPropertyValues(
                        "gateway.simulator.enabled=true",
                        "gateway.simulator.faults[0].model=demo.throttled-v1:0",
                        "gateway.simulator.faults[0].fault=throttling")
                .run(context -> {
                    URI endpoint = context.getBean(BedrockSimulator.class).endpoint();

                    HttpResponse<String> answer = HTTP.send(
                            HttpRequest.newBuilder(endpoint.resolve("/model/demo.throttled-v1:0/converse"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

                    assertThat(answer.statusCode()).isEqualTo(429);
                    assertThat(answer.headers().firstValue("x-amzn-ErrorType"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("ThrottlingException"));
                });
    }

    @Test
    void aScriptedFaultOfNoKnownKindFailsTheStartNamingItsProperty() {
        runner.withPropertyValues(
                        "gateway.simulator.enabled=true",
                        "gateway.simulator.faults[0].model=demo.throttled-v1:0",
                        "gateway.simulator.faults[0].fault=explode")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("gateway.simulator.faults[0].fault: 'explode' is not one of"));
    }

    @Test
    void closeWhenTheContextClosesThenTheSimulatorStopsListening() {
        AtomicReference<URI> endpoint = new AtomicReference<>();
        runner.withPropertyValues("gateway.simulator.enabled=true")
                .run(context ->
                        endpoint.set(context.getBean(BedrockSimulator.class).endpoint()));

        assertThatThrownBy(() -> get(endpoint.get().resolve("/inference-profiles")))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void initializeWhenThePortIsOutOfRangeThenTheContextFailsSayingSo() {
        runner.withPropertyValues("gateway.simulator.enabled=true", "gateway.simulator.port=70000")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("gateway.simulator.port must be between 0 and 65535"));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
