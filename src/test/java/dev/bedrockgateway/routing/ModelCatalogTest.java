package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The built-in model catalog resource is well formed. */
class ModelCatalogTest {

    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    private static final ModelCatalog catalog = new ModelCatalog(JsonMapper.builder().build());

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

    private static String catalogProviderOf(String id) {
        return catalog.models().stream().filter(model -> model.id().equals(id)).findFirst().orElseThrow().provider();
    }
}
