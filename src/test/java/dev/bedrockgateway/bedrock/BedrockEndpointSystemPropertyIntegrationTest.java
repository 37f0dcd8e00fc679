package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * With no {@code gateway.bedrock.endpoint}, the SDK's own endpoint settings decide. The JVM system
 * property {@code aws.endpointUrlBedrockRuntime} is the SDK's equivalent of the
 * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} environment variable, which a test cannot set.
 *
 * <p>The SDK reads it when the client bean is built, so it is set in the static initializer, which runs
 * before Spring creates this class's context. The {@code test.endpoint-source} property exists only to
 * make that context unique, so that no context cached by another class (built without the system
 * property) is reused here, and this one is reused by no one else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.simulator.enabled=false",
            "gateway.auth.enabled=false",
            "gateway.bedrock.region=us-east-1",
            "test.endpoint-source=aws.endpointUrlBedrockRuntime"
        })
@Import(GatewayClient.class)
class BedrockEndpointSystemPropertyIntegrationTest {

    private static final String ENDPOINT_PROPERTY = "aws.endpointUrlBedrockRuntime";
    private static final BedrockSimulator bedrock = BedrockSimulator.start(0);

    static {
        System.setProperty(ENDPOINT_PROPERTY, bedrock.endpoint().toString());
    }

    @Autowired
    GatewayClient gateway;

    @AfterAll
    static void stopBedrock() {
        System.clearProperty(ENDPOINT_PROPERTY);
        bedrock.close();
    }

    @Test
    void chatWhenOnlyTheSdkEndpointSettingIsSetThenTheCallReachesThatEndpoint() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"via sdk setting"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply to: via sdk setting");
        RecordedRequest recorded = bedrock.lastReceived();
        assertThat(recorded.modelId()).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(recorded.operation()).isEqualTo("converse");
    }
}
