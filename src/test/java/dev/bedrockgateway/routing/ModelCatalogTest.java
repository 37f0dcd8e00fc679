package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The built-in model catalog resource is well formed, and discovery adds to it without losing it. */
class ModelCatalogTest {

    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    private static final ModelCatalog catalog =
            new ModelCatalog(JsonMapper.builder().build());

    @Test
    void modelsWhenTheCatalogLoadsThenItIsNotEmpty() {
        assertThat(catalog.models()).isNotEmpty();
    }

    @Test
    void modelsWhenLoadedThenEveryEntryHasAnIdAndAProvider() {
        assertThat(catalog.models()).allSatisfy(model -> {
            assertThat(model.id()).as("id").isNotBlank().doesNotContainAnyWhitespaces();
            assertThat(model.provider()).as("provider of %s", model.id()).isNotBlank();
            assertThat(model.geographies()).as("geographies of %s", model.id()).isNotNull();
        });
    }

    @Test
    void modelsWhenLoadedThenIdsAreUnique() {
        assertThat(catalog.models()).extracting(CatalogModel::id).doesNotHaveDuplicates();
    }

    @Test
    void modelsWhenLoadedThenIdsAreFoundationModelIdsWithoutAGeographyPrefixOrBedrockPrefix() {
        assertThat(catalog.models()).extracting(CatalogModel::id).allSatisfy(id -> {
            assertThat(id).doesNotStartWith("bedrock/").doesNotStartWith("arn:");
            assertThat(GEOGRAPHIES).noneMatch(geo -> id.startsWith(geo + "."));
            assertThat(id).startsWith(catalogProviderOf(id) + ".");
        });
    }

    @Test
    void modelsWhenLoadedThenGeographiesComeOnlyFromTheKnownSetWithoutRepeats() {
        assertThat(catalog.models()).allSatisfy(model -> {
            assertThat(model.geographies()).as("geographies of %s", model.id()).isSubsetOf(GEOGRAPHIES);
            assertThat(model.geographies()).as("geographies of %s", model.id()).doesNotHaveDuplicates();
        });
    }

    @Test
    void modelsWhenReturnedThenTheListCannotBeModified() {
        assertThat(catalog.models()).isUnmodifiable();
    }

    @Test
    void applyDiscoveredWhenAProfileNamesANewModelThenItAppearsWithItsProviderAndGeographies() {
        ModelCatalog discovered = freshCatalog();

        discovered.applyDiscovered(List.of("us.vendor.new-model-v1:0", "eu.vendor.new-model-v1:0"));

        assertThat(discovered.find("vendor.new-model-v1:0"))
                .isEqualTo(new CatalogModel("vendor.new-model-v1:0", "vendor", List.of("us", "eu")));
        assertThat(discovered.hasProfile("vendor.new-model-v1:0", "eu")).isTrue();
        assertThat(discovered.hasProfile("vendor.new-model-v1:0", "apac")).isFalse();
        assertThat(discovered.models()).hasSize(catalog.models().size() + 1);
    }

    @Test
    void applyDiscoveredWhenABuiltInModelGetsANewGeographyThenItKeepsItsOwnAndGainsTheNewOne() {
        ModelCatalog discovered = freshCatalog();
        assertThat(discovered.hasProfile("anthropic.claude-opus-4-1-20250805-v1:0", "eu"))
                .isFalse();

        discovered.applyDiscovered(
                List.of("eu.anthropic.claude-opus-4-1-20250805-v1:0", "us.anthropic.claude-opus-4-1-20250805-v1:0"));

        CatalogModel opus = discovered.find("anthropic.claude-opus-4-1-20250805-v1:0");
        assertThat(opus.provider()).isEqualTo("anthropic");
        assertThat(opus.geographies()).containsExactly("us", "eu");
    }

    @Test
    void applyDiscoveredWhenIdsHaveNoKnownGeographyThenTheyAreIgnored() {
        ModelCatalog discovered = freshCatalog();

        discovered.applyDiscovered(List.of(
                "ca.vendor.canada-v1:0",
                "vendor.no-geography-v1:0",
                "US.vendor.upper-v1:0",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc",
                "",
                "us"));

        assertThat(discovered.models()).isEqualTo(catalog.models());
    }

    @Test
    void applyDiscoveredWhenRefreshedAgainThenTheSecondReplacesTheFirstButKeepsEveryBuiltInEntry() {
        ModelCatalog discovered = freshCatalog();
        discovered.applyDiscovered(List.of("us.vendor.first-v1:0", "apac.anthropic.claude-opus-4-1-20250805-v1:0"));

        discovered.applyDiscovered(List.of("jp.vendor.second-v1:0"));

        assertThat(discovered.find("vendor.first-v1:0")).isNull();
        assertThat(discovered.hasProfile("anthropic.claude-opus-4-1-20250805-v1:0", "apac"))
                .isFalse();
        assertThat(discovered.hasProfile("vendor.second-v1:0", "jp")).isTrue();
        assertThat(discovered.models()).startsWith(catalog.models().toArray(CatalogModel[]::new));
        assertThat(discovered.models()).hasSize(catalog.models().size() + 1);
    }

    @Test
    void applyDiscoveredWhenBedrockListsNothingThenTheCatalogIsTheBuiltInOne() {
        ModelCatalog discovered = freshCatalog();
        discovered.applyDiscovered(List.of("us.vendor.first-v1:0"));

        discovered.applyDiscovered(List.of());

        assertThat(discovered.models()).isEqualTo(catalog.models());
    }

    private static ModelCatalog freshCatalog() {
        return new ModelCatalog(catalog.models());
    }

    private static String catalogProviderOf(String id) {
        return catalog.models().stream()
                .filter(model -> model.id().equals(id))
                .findFirst()
                .orElseThrow()
                .provider();
    }
}
