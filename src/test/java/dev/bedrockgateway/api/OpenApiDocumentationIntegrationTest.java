package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class OpenApiDocumentationIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void apiDocsDocumentTheResponsesAndEmbeddingsEndpointsWithRunnableExamples() {
        JsonNode paths = gateway.get("/v3/api-docs").json().path("paths");

        assertThat(paths.path("/v1/responses/{id}").has("get")).isTrue();
        assertThat(paths.path("/v1/responses/{id}").has("delete")).isTrue();
        JsonNode responses = paths.path("/v1/responses")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples");
        JsonNode embeddings = paths.path("/v1/embeddings")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples");
        assertThat(responses.propertyNames()).contains("A question", "Continue a stored conversation");
        assertThat(gateway.postJson(
                                "/v1/embeddings",
                                embeddings.path("Titan V2").path("value").toString())
                        .status())
                .isEqualTo(200);
        String question = responses.path("A question").path("value").toString();
        assertThat(gateway.postJson("/v1/responses", question).status())
                .as(question)
                .isEqualTo(200);
    }

    @Test
    void apiDocsWhenFetchedThenDocumentEveryEndpointWithAnExamplePerRequestStyle() {
        GatewayResponse response = gateway.get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().path("paths");
        assertThat(paths.has("/v1/chat")).isTrue();
        assertThat(paths.has("/v1/chat/completions")).isTrue();
        assertThat(paths.has("/v1/models")).isTrue();
        assertThat(paths.has("/model/{modelId}/converse")).isTrue();
        JsonNode chatExamples = paths.path("/v1/chat")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples");
        assertThat(chatExamples.propertyNames()).contains("OpenAI style", "Converse style");
        assertThat(paths.path("/model/{modelId}/converse")
                        .path("post")
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("examples")
                        .has("Converse"))
                .isTrue();
        assertThat(response.json()
                        .path("components")
                        .path("securitySchemes")
                        .path("apiKey")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(paths.path("/v1/chat/completions")
                        .path("post")
                        .path("parameters")
                        .toString())
                .as("the tenant is resolved from the API key, never a request parameter")
                .doesNotContain("tenant");
    }

    @Test
    void chatExamplesWhenSentAsDocumentedThenTheGatewayAnswersThem() {
        assertThat(gateway.postJson("/v1/chat", ApiExamples.OPENAI_CHAT).status())
                .isEqualTo(200);
        assertThat(gateway.postJson("/v1/chat", ApiExamples.CONVERSE_CHAT).status())
                .isEqualTo(200);
        assertThat(gateway.postJson(
                                "/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse",
                                ApiExamples.BEDROCK_CONVERSE)
                        .status())
                .isEqualTo(200);
        GatewayResponse tools = gateway.postJson("/v1/chat/completions", ApiExamples.OPENAI_TOOLS);
        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.json().at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        GatewayResponse streamed = gateway.postJson("/v1/chat/completions", ApiExamples.OPENAI_STREAM);
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body()).contains("\"usage\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void anthropicAndInvokeEndpointsWhenDocumentedThenEachHasAnExampleThatTheGatewayAnswersAsSent() {
        JsonNode paths = gateway.get("/v3/api-docs").json().path("paths");
        JsonNode messages = examples(paths, "/v1/messages");
        JsonNode countTokens = examples(paths, "/v1/messages/count_tokens");
        JsonNode invoke = examples(paths, "/model/{modelId}/invoke");
        JsonNode invokeStream = examples(paths, "/model/{modelId}/invoke-with-response-stream");
        assertThat(messages.propertyNames()).contains("Claude", "Claude, streamed");
        assertThat(countTokens.propertyNames()).contains("Claude");
        assertThat(invoke.propertyNames()).contains("Anthropic Claude");
        assertThat(invokeStream.propertyNames()).contains("Anthropic Claude");

        GatewayResponse message = gateway.postJson("/v1/messages", example(messages, "Claude"));
        assertThat(message.status()).as(message.body()).isEqualTo(200);
        assertThat(message.json().path("type").asString()).isEqualTo("message");

        GatewayResponse streamed = gateway.postJson("/v1/messages", example(messages, "Claude, streamed"));
        assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.header("Content-Type")).startsWith("text/event-stream");
        assertThat(streamed.body()).startsWith("event: message_start").contains("event: message_stop");

        GatewayResponse counted = gateway.postJson("/v1/messages/count_tokens", example(countTokens, "Claude"));
        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        assertThat(counted.json().path("input_tokens").asInt()).isPositive();

        GatewayResponse invoked =
                gateway.postJson(invokePath(paths, "/model/{modelId}/invoke"), example(invoke, "Anthropic Claude"));
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        assertThat(invoked.json().path("content").path(0).path("text").asString())
                .isNotBlank();

        GatewayResponse invokedStream = gateway.postJson(
                invokePath(paths, "/model/{modelId}/invoke-with-response-stream"),
                example(invokeStream, "Anthropic Claude"));
        assertThat(invokedStream.status()).as(invokedStream.body()).isEqualTo(200);
        assertThat(invokedStream.header("Content-Type")).startsWith("application/vnd.amazon.eventstream");
    }

    private static JsonNode examples(JsonNode paths, String path) {
        assertThat(paths.has(path)).as("%s documented", path).isTrue();
        return paths.path(path)
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples");
    }

    /** An example's request body as sent: the document holds it as JSON or as the text of it. */
    private static String example(JsonNode examples, String name) {
        JsonNode value = examples.path(name).path("value");
        assertThat(value.isMissingNode()).as("example %s", name).isFalse();
        return value.isString() ? value.stringValue() : value.toString();
    }

    /** The path with the documented example model ID in place of {@code {modelId}}. */
    private static String invokePath(JsonNode paths, String path) {
        String modelId = paths.path(path)
                .path("post")
                .path("parameters")
                .valueStream()
                .filter(parameter -> "modelId".equals(parameter.path("name").asString()))
                .map(parameter -> parameter.path("example").asString())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no modelId parameter on " + path));
        assertThat(modelId).as("example modelId of %s", path).isNotBlank();
        return path.replace("{modelId}", URLEncoder.encode(modelId, StandardCharsets.UTF_8));
    }

    @Test
    void swaggerUiWhenOpenedThenServesThePage() {
        GatewayResponse response =
                gateway.send(gateway.request("/swagger-ui/index.html").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Swagger UI");
    }
}
