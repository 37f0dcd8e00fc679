package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertAnthropicError;
import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Wrong JSON types are refused, not coerced: a number where text belongs or text where a number belongs gets the
 * caller's own 400 naming the field, and Bedrock hears nothing, on every surface.
 */
@GatewayIntegrationTest
class StrictJsonIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":5}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":true}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],\"inferenceConfig\":{\"maxTokens\":\"5\"}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],\"inferenceConfig\":{\"maxTokens\":1.5}}"
            })
    void converseOnTheBedrockWireRefusesAWrongTypeWithValidationException(String body) {
        GatewayResponse response = gateway.postJson("/model/us.amazon.nova-lite-v1%3A0/converse", body);

        String message = assertAwsError(response, 400, "ValidationException");
        assertThat(message).containsAnyOf("text", "maxTokens");
        assertThat(simulator.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "max_tokens|{\"model\":\"us.amazon.nova-lite-v1:0\",\"max_tokens\":\"5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "temperature|{\"model\":\"us.amazon.nova-lite-v1:0\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "role|{\"model\":\"us.amazon.nova-lite-v1:0\",\"messages\":[{\"role\":5,\"content\":\"hi\"}]}"
            })
    void openAiChatCompletionsRefusesAWrongTypeNamingTheField(String field, String body) {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(response.json().path("error").path("message").asString()).contains(field);
        assertThat(simulator.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"max_tokens\":64,\"temperature\":\"0.5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]}"
            })
    void anthropicMessagesThroughConverseRefusesAWrongType(String body) {
        GatewayResponse response = gateway.postJson("/v1/messages", body);

        assertAnthropicError(response, 400, "invalid_request_error");
        assertThat(simulator.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"temperature\":0.5,\"max_tokens\":10,\"stop\":\"END\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}"
            })
    void rightlyTypedBodiesStillPass(String body) {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
