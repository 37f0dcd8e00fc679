package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.bedrock.BedrockSide.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Where Bedrock calls go outside the {@code local} profile, and how they are signed: {@code gateway.bedrock.endpoint}
 * sends them to that endpoint; without it, the SDK's own endpoint settings decide. Either way calls are signed with
 * the region and credentials of the standard AWS chains (here the environment surefire sets), not the simulator's
 * dummy keys. Only the gateway's Bedrock side runs ({@link BedrockSide}), against a simulator of this class's own:
 * the HTTP surfaces in front of it are the same in every profile, and are tested in the shared application context.
 */
class BedrockEndpointTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final BedrockSimulator bedrock = BedrockSimulator.start(0);

    @BeforeEach
    void resetBedrock() {
        bedrock.reset();
    }

    @AfterAll
    static void stopBedrock() {
        bedrock.close();
    }

    /** {@code gateway.bedrock.endpoint} names the simulator. */
    @Nested
    @BedrockSideTest
    class EndpointProperty {

        @DynamicPropertySource
        static void endpoint(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> bedrock.endpoint().toString());
        }

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @Test
        void converseWhenTheEndpointPropertyIsSetThenTheCallReachesThatEndpoint() {
            ChatResponse response = converse(backend, tenants, "via property");

            assertThat(response.output().content().get(0).text()).isEqualTo("Simulated reply to: via property");
            assertThat(bedrock.lastReceived().modelId()).isEqualTo(MODEL);
        }

        @Test
        void converseWhenTheEndpointPropertyIsSetThenTheCallIsSignedWithTheEnvironmentCredentials() {
            converse(backend, tenants, "signed");

            RecordedRequest recorded = bedrock.lastReceived();
            assertThat(recorded.signingAccessKeyId()).isEqualTo("AKIDTESTONLY");
            assertThat(recorded.signingRegion()).isEqualTo("us-east-1");
        }
    }

    /**
     * No {@code gateway.bedrock.endpoint}: the JVM system property {@code aws.endpointUrlBedrockRuntime}, the SDK's
     * twin of {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} (which a test cannot set), names the simulator. The SDK reads
     * it when the client bean is built, so it is set as this setup's context is created, before its beans are.
     */
    @Nested
    @BedrockSideTest
    class SdkEndpointSetting {

        private static final String ENDPOINT_PROPERTY = "aws.endpointUrlBedrockRuntime";

        /** Runs as the context is prepared, before its refresh; the method also gives it a context of its own. */
        @DynamicPropertySource
        static void sdkEndpointSetting(DynamicPropertyRegistry registry) {
            System.setProperty(ENDPOINT_PROPERTY, bedrock.endpoint().toString());
        }

        @AfterAll
        static void clearEndpoint() {
            System.clearProperty(ENDPOINT_PROPERTY);
        }

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @Test
        void converseWhenOnlyTheSdkEndpointSettingIsSetThenTheCallReachesThatEndpoint() {
            ChatResponse response = converse(backend, tenants, "via sdk setting");

            assertThat(response.output().content().get(0).text()).isEqualTo("Simulated reply to: via sdk setting");
            RecordedRequest recorded = bedrock.lastReceived();
            assertThat(recorded.modelId()).isEqualTo(MODEL);
            assertThat(recorded.operation()).isEqualTo("converse");
            assertThat(recorded.signingAccessKeyId()).isEqualTo("AKIDTESTONLY");
        }
    }

    /** Each setup injects into its own instance: the enclosing class has no context of its own. */
    private static ChatResponse converse(ChatBackend backend, TenantRegistry tenants, String text) {
        return backend.converse(
                Objects.requireNonNull(tenants.anonymous()).targets().get(0), MODEL, request(MODEL, text));
    }
}
