package dev.bedrockgateway.api;

import static dev.bedrockgateway.support.ErrorAssertions.assertAnthropicError;
import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins {@code gateway.api.max-body-size} over real HTTP: bodies over the limit get 413 in the caller's format,
 * whether sent with a {@code Content-Length} or chunked, before Bedrock hears anything.
 */
@ConfiguredGateway
class BodySizeLimitIntegrationTest {

    private static final int LIMIT = ConfiguredGateway.MAX_BODY_SIZE;
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String WIRE = "/model/us.amazon.nova-lite-v1%3A0/converse";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void completionsWhenBodyWithContentLengthExceedsTheLimitThenAnswers413InOpenAiShape() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, openAiBody(2 * LIMIT));

        String message = assertOpenAiError(response, 413, "invalid_request_error", null)
                .get("message")
                .stringValue();
        assertThat(message).contains(String.valueOf(LIMIT));
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void wireConverseWhenBodyWithContentLengthExceedsTheLimitThenAnswers413InAwsShape() {
        GatewayResponse response = gateway.postJson(WIRE, wireBody(2 * LIMIT));

        assertThat(assertAwsError(response, 413, "ValidationException")).contains(String.valueOf(LIMIT));
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void completionsWhenChunkedBodyExceedsTheLimitThenAnswers413InOpenAiShape() {
        GatewayResponse response = postChunked(COMPLETIONS, openAiBody(2 * LIMIT));

        assertOpenAiError(response, 413, "invalid_request_error", null);
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void wireConverseWhenChunkedBodyExceedsTheLimitThenAnswers413InAwsShape() {
        GatewayResponse response = postChunked(WIRE, wireBody(2 * LIMIT));

        assertAwsError(response, 413, "ValidationException");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void anthropicMessagesWhenBodyExceedsTheLimitThenAnswers413RequestTooLargeInAnthropicsShape() {
        GatewayResponse response = gateway.postJson("/v1/messages", anthropicBody(2 * LIMIT));

        assertThat(assertAnthropicError(response, 413, "request_too_large")).contains(String.valueOf(LIMIT));
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void completionsWhenBodyIsWellUnderTheLimitThenAnswers200() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, openAiBody(500));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(simulator.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {LIMIT, LIMIT + 1})
    void completionsWhenBodyIsAtTheLimitThenAcceptedAndOneByteMoreIsRefused(int size) {
        GatewayResponse contentLength = gateway.postJson(COMPLETIONS, openAiBody(size));
        GatewayResponse chunked = postChunked(COMPLETIONS, openAiBody(size));

        int expected = size <= LIMIT ? 200 : 413;
        assertThat(contentLength.status()).as("with Content-Length").isEqualTo(expected);
        assertThat(chunked.status()).as("chunked").isEqualTo(expected);
    }

    private GatewayResponse postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return gateway.send(gateway.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /** A valid OpenAI request of exactly {@code size} bytes. */
    private static String openAiBody(int size) {
        return padded(
                "{\"model\":\"us.amazon.nova-lite-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"",
                "\"}]}",
                size);
    }

    /** A valid Anthropic Messages request of exactly {@code size} bytes. */
    private static String anthropicBody(int size) {
        return padded(
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"",
                "\"}]}",
                size);
    }

    /** A valid Bedrock-wire Converse request of exactly {@code size} bytes. */
    private static String wireBody(int size) {
        return padded("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"", "\"}]}]}", size);
    }

    private static String padded(String prefix, String suffix, int size) {
        String body = prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return body;
    }
}
