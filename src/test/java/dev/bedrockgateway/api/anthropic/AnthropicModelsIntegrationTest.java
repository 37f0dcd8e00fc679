package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.models.ModelInfo;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Model discovery as Claude Code does it against a gateway: {@code GET /v1/models} with {@code anthropic-version}
 * answers Anthropic's list of the Claude models the tenant may use, by names it can send back.
 */
@GatewayIntegrationTest
class AnthropicModelsIntegrationTest {

    @AutoClose("close")
    private static AnthropicClient claude;

    @Autowired
    GatewayClient gateway;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        claude = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUri().toString())
                .apiKey(GatewayClient.DEMO_KEY)
                .maxRetries(0)
                .build();
    }

    @Test
    void theAnthropicSdkListsClaudeModelsByTheirAnthropicNames() {
        List<ModelInfo> models = claude.models().list().data();

        assertThat(models)
                .extracting(ModelInfo::id)
                .contains("claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929");
        assertThat(models).allSatisfy(model -> assertThat(model.id()).startsWith("claude-"));
        ModelInfo haiku = models.stream()
                .filter(model -> model.id().equals("claude-haiku-4-5-20251001"))
                .findFirst()
                .orElseThrow();
        assertThat(haiku.displayName()).isEqualTo("Claude Haiku 4.5");
        assertThat(haiku.createdAt().toLocalDate()).hasToString("2025-10-01");
    }

    @Test
    void eachListedNameIsOneTheGatewayAnswersTo() {
        String first = claude.models().list().data().get(0).id();

        GatewayResponse answer = gateway.postJson(
                "/v1/messages",
                "{\"model\":\"" + first
                        + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void callersWithoutAnthropicVersionStillGetTheOpenAiList() {
        GatewayResponse list = gateway.get("/v1/models");

        assertThat(list.json().path("object").asString()).isEqualTo("list");
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"haiku-4-5, Claude Haiku 4.5", "3-7-sonnet, Claude 3.7 Sonnet", "opus-4, Claude Opus 4"})
    void displayNamesReadAsAnthropicWritesThem(String words, String displayName) {
        assertThat(AnthropicModelsController.displayName(words)).isEqualTo(displayName);
    }
}
