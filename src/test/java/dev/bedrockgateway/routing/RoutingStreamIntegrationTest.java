package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.support.SdkClients;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Model routing on the Bedrock-wire {@code /model/{modelId}/converse-stream}: a direct foundation-model ID is
 * sent to Bedrock as the {@code us.} inference profile (the local profile's region is us-east-1), and
 * {@code x-gateway-bedrock-model-id} says so, both for a plain HTTP caller and for a stock AWS SDK client.
 */
@GatewayIntegrationTest
class RoutingStreamIntegrationTest {

    private static final String HEADER = "x-gateway-bedrock-model-id";
    private static final String DIRECT = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String PROFILE = "us." + DIRECT;

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void converseStreamWhenADirectIdIsSentThenBedrockReceivesTheUsProfileAndTheHeaderSaysSo() {
        GatewayResponse response = converseStream(DIRECT);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/vnd.amazon.eventstream");
        assertThat(response.header(HEADER)).isEqualTo(PROFILE);
        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.operation()).isEqualTo("converse-stream");
        assertThat(upstream.modelId()).isEqualTo(PROFILE);
        assertThat(upstream.rawPath())
                .isEqualTo("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream");
    }

    @Test
    void converseStreamWhenAStockSdkClientSendsADirectIdThenTheStreamComesFromTheUsProfile() throws Exception {
        List<String> texts = new CopyOnWriteArrayList<>();
        AtomicReference<ConverseStreamResponse> initial = new AtomicReference<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .onResponse(initial::set)
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(delta -> texts.add(delta.delta().text()))
                        .build())
                .build();

        try (BedrockRuntimeAsyncClient client = SdkClients.bedrockAsync(gateway)) {
            client.converseStream(
                            ConverseStreamRequest.builder()
                                    .modelId(DIRECT)
                                    .messages(Message.builder()
                                            .role(ConversationRole.USER)
                                            .content(ContentBlock.fromText("Routed"))
                                            .build())
                                    .build(),
                            handler)
                    .get(10, TimeUnit.SECONDS);
        }

        assertThat(String.join("", texts)).isEqualTo("Simulated reply to: Routed");
        assertThat(initial.get().sdkHttpResponse().firstMatchingHeader(HEADER)).contains(PROFILE);
        assertThat(simulator.lastReceived().modelId()).isEqualTo(PROFILE);
    }

    @Test
    void converseStreamWhenBedrockRefusesADirectIdOnDemandThenRetriesOnceWithTheProfileAndRemembersIt() {
        // Its own model ID: self-healing is remembered for the whole (shared) context.
        String direct = "anthropic.claude-stream-heal-v9:0";
        String profile = "us." + direct;
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));

        GatewayResponse healed = converseStream(direct);

        assertThat(healed.status()).as(healed.body()).isEqualTo(200);
        assertThat(healed.header(HEADER)).isEqualTo(profile);
        assertThat(simulator.received()).extracting(RecordedRequest::modelId).containsExactly(direct, profile);

        GatewayResponse next = converseStream(direct);

        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.header(HEADER)).isEqualTo(profile);
        assertThat(simulator.received()).extracting(RecordedRequest::modelId).containsExactly(direct, profile, profile);
    }

    private GatewayResponse converseStream(String modelId) {
        return gateway.postJson(
                "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "/converse-stream",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}");
    }
}
