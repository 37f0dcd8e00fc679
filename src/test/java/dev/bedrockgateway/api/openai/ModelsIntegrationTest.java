package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class ModelsIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void modelsWhenListedThenAnswersInOpenAiListFormatWithCatalogModels() {
        GatewayResponse response = gateway.get("/v1/models");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        for (JsonNode model : body.path("data")) {
            assertThat(model.path("object").asString()).isEqualTo("model");
            assertThat(model.path("owned_by").asString()).isNotBlank();
            ids.add(model.path("id").asString());
        }
        assertThat(ids).contains("anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-pro-v1:0");
    }
}
