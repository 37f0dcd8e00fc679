package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class OpenApiDocumentationIntegrationTest {

    @Autowired
    GatewayClient gateway;

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
    void swaggerUiWhenOpenedThenServesThePage() {
        GatewayResponse response =
                gateway.send(gateway.request("/swagger-ui/index.html").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Swagger UI");
    }
}
