package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class AnthropicModelNamesTest {

    private static final AnthropicModelNames names =
            new AnthropicModelNames(new ModelCatalog(JsonMapper.builder().build()));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "claude-sonnet-4-5-20250929, anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5, anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-haiku-4-5, anthropic.claude-haiku-4-5-20251001-v1:0",
        "claude-opus-4-1, anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4-0, anthropic.claude-opus-4-20250514-v1:0",
        "claude-3-5-sonnet-20240620, anthropic.claude-3-5-sonnet-20240620-v1:0",
        "claude-3-5-sonnet-latest, anthropic.claude-3-5-sonnet-20241022-v2:0",
        "claude-3-5-haiku-latest, anthropic.claude-3-5-haiku-20241022-v1:0"
    })
    void mapsAnthropicsApiNamesAndAliasesToTheCatalogsBedrockIds(String name, String bedrockId) {
        assertThat(names.bedrockModelId(name)).isEqualTo(bedrockId);
    }

    @Test
    void anAliasNamesTheNewestDatedModelNotTheFirstInTheCatalog() {
        AnthropicModelNames twoDates = new AnthropicModelNames(new ModelCatalog(List.of(
                new CatalogModel("anthropic.claude-x-1-20250101-v1:0", "anthropic", List.of("us")),
                new CatalogModel("anthropic.claude-x-1-20250601-v1:0", "anthropic", List.of("us")),
                new CatalogModel("anthropic.claude-x-1-20250301-v1:0", "anthropic", List.of("us")))));

        assertThat(twoDates.bedrockModelId("claude-x-1")).isEqualTo("anthropic.claude-x-1-20250601-v1:0");
        assertThat(twoDates.bedrockModelId("claude-x-1-20250101")).isEqualTo("anthropic.claude-x-1-20250101-v1:0");
    }

    @Test
    void knowsNoNameTheCatalogDoesNotHave() {
        assertThat(names.bedrockModelId("claude-imaginary-9")).isNull();
        assertThat(names.bedrockModelId("amazon.nova-lite-v1:0")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "claude-imaginary-9"})
    void takesClaudeWithoutDotsOrColonsForAnAnthropicName(String model) {
        assertThat(AnthropicModelNames.isAnthropicName(model)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "amazon.nova-lite-v1:0",
                "bedrock/claude"
            })
    void takesBedrockIdsAndOtherNamesForWhatTheyAre(String model) {
        assertThat(AnthropicModelNames.isAnthropicName(model)).isFalse();
    }

    @Test
    void tellsAnthropicModelsByTheirIdProfileOrArn() {
        assertThat(AnthropicModelNames.isAnthropicModel("global.anthropic.claude-haiku-4-5-20251001-v1:0"))
                .isTrue();
        assertThat(AnthropicModelNames.isAnthropicModel("us.amazon.nova-pro-v1:0"))
                .isFalse();
    }

    @Test
    void strippingAGeographyGivesTheFoundationModelCountTokensTakes() {
        assertThat(Geographies.baseModelId("us.anthropic.claude-3-haiku-20240307-v1:0"))
                .isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(Geographies.baseModelId("global.anthropic.claude-haiku-4-5-20251001-v1:0"))
                .isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(Geographies.baseModelId("anthropic.claude-3-haiku-20240307-v1:0"))
                .isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
    }
}
