package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in model catalog resource is well formed and priced, a model ID as sent to Bedrock finds its price, and
 * discovery adds to the catalog without losing it.
 */
class ModelCatalogTest {

    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String OPUS_41 = "anthropic.claude-opus-4-1-20250805-v1:0";
    private static final ModelPrice REGIONAL = new ModelPrice(3.3, 16.5, 0.33, 4.125);
    private static final ModelPrice GLOBAL = new ModelPrice(3.0, 15.0, 0.3, 3.75);
    private static final ModelPrice NOVA = new ModelPrice(0.06, 0.24, null, null);
    private static final ModelCatalog priced = new ModelCatalog(List.of(
            new CatalogModel(
                    "vendor.tiered-v1:0", "vendor", List.of("us", "eu", "global"), REGIONAL, Map.of("global", GLOBAL)),
            new CatalogModel("amazon.nova-lite-v1:0", "amazon", List.of("us", "eu"), NOVA, Map.of()),
            new CatalogModel("vendor.unpriced-v1:0", "vendor", List.of("us"))));

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

    @Test
    void theBuiltInCatalogPricesEveryAnthropicModel() {
        assertThat(catalog.models())
                .filteredOn(model -> model.id().startsWith("anthropic."))
                .isNotEmpty()
                .allSatisfy(model -> {
                    assertThat(model.price()).as("price of %s", model.id()).isNotNull();
                    assertThat(model.price().input())
                            .as("input price of %s", model.id())
                            .isPositive();
                    assertThat(model.price().output())
                            .as("output price of %s", model.id())
                            .isPositive();
                    assertThat(model.price().cacheRead())
                            .as("cache read price of %s", model.id())
                            .satisfiesAnyOf(
                                    read -> assertThat(read).isNull(),
                                    read -> assertThat(read)
                                            .isLessThan(model.price().input()));
                });
    }

    @Test
    void theBuiltInCatalogPricesTheGlobalProfileOfSonnet45BelowItsRegionalProfiles() {
        ModelPrice global = catalog.price("global." + SONNET_45);
        ModelPrice us = catalog.price("us." + SONNET_45);

        assertThat(global).isNotNull();
        assertThat(us).isNotNull().isEqualTo(catalog.price(SONNET_45));
        assertThat(global.input()).isLessThan(us.input());
        assertThat(global.output()).isLessThan(us.output());
    }

    @Test
    void theBuiltInCatalogGivesGeographyPricesOnlyForGeographiesThatServeTheModel() {
        assertThat(catalog.models())
                .allSatisfy(model -> assertThat(model.geographies())
                        .as("geographies of %s", model.id())
                        .containsAll(model.geographyPrices().keySet()));
        assertThat(catalog.find(OPUS_41).geographyPrices()).isEmpty();
    }

    @Test
    void aRegionalProfileUsesTheModelsPrice() {
        assertThat(priced.price("us.vendor.tiered-v1:0")).isEqualTo(REGIONAL);
        assertThat(priced.price("eu.vendor.tiered-v1:0")).isEqualTo(REGIONAL);
        assertThat(priced.price("eu.amazon.nova-lite-v1:0")).isEqualTo(NOVA);
    }

    @Test
    void aFoundationModelIdUsesTheModelsPrice() {
        assertThat(priced.price("vendor.tiered-v1:0")).isEqualTo(REGIONAL);
        assertThat(priced.price("amazon.nova-lite-v1:0")).isEqualTo(NOVA);
    }

    @Test
    void globalProfileUsesItsOwnPriceWhenTheCatalogHasOne() {
        assertThat(priced.price("global.vendor.tiered-v1:0")).isEqualTo(GLOBAL);
    }

    @Test
    void globalProfileUsesTheModelsPriceWhenTheCatalogHasNoneOfItsOwn() {
        assertThat(priced.price("global.amazon.nova-lite-v1:0")).isEqualTo(NOVA);
    }

    @Test
    void unknownModelsArnsAndUnpricedModelsHaveNoPrice() {
        assertThat(priced.price("vendor.unknown-v1:0")).isNull();
        assertThat(priced.price("us.vendor.unknown-v1:0")).isNull();
        assertThat(priced.price("ca.amazon.nova-lite-v1:0")).isNull();
        assertThat(priced.price("US.amazon.nova-lite-v1:0")).isNull();
        assertThat(priced.price("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"))
                .isNull();
        assertThat(priced.price("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"))
                .isNull();
        assertThat(priced.price("")).isNull();
        assertThat(priced.price("vendor.unpriced-v1:0")).isNull();
        assertThat(priced.price("us.vendor.unpriced-v1:0")).isNull();
    }

    @Test
    void applyDiscoveredKeepsThePricesOfBuiltInModelsAndDiscoveredModelsHaveNone() {
        ModelCatalog discovered = new ModelCatalog(priced.models());

        discovered.applyDiscovered(List.of("apac.vendor.tiered-v1:0", "us.vendor.new-model-v1:0"));

        assertThat(discovered.hasProfile("vendor.tiered-v1:0", "apac")).isTrue();
        assertThat(discovered.price("apac.vendor.tiered-v1:0")).isEqualTo(REGIONAL);
        assertThat(discovered.price("global.vendor.tiered-v1:0")).isEqualTo(GLOBAL);
        assertThat(discovered.price("amazon.nova-lite-v1:0")).isEqualTo(NOVA);
        assertThat(discovered.find("vendor.new-model-v1:0")).isNotNull();
        assertThat(discovered.price("us.vendor.new-model-v1:0")).isNull();
    }

    @Test
    void applyDiscoveredKeepsTheBuiltInCatalogsPrices() {
        ModelCatalog discovered = freshCatalog();

        discovered.applyDiscovered(List.of("eu." + OPUS_41));

        assertThat(discovered.price("eu." + OPUS_41)).isNotNull().isEqualTo(catalog.price(OPUS_41));
        assertThat(discovered.price("global." + SONNET_45)).isNotNull().isEqualTo(catalog.price("global." + SONNET_45));
    }

    @Test
    void aCatalogModelWithoutAPriceHasNoGeographyPricesEither() {
        CatalogModel model = new CatalogModel("vendor.plain-v1:0", "vendor", List.of("us"));

        assertThat(model.price()).isNull();
        assertThat(model.geographyPrices()).isEmpty();
    }

    @Test
    void aCatalogModelCopiesItsGeographyPrices() {
        Map<String, ModelPrice> prices = new HashMap<>(Map.of("global", GLOBAL));
        CatalogModel model = new CatalogModel("vendor.tiered-v1:0", "vendor", List.of("global"), REGIONAL, prices);

        prices.put("us", NOVA);

        assertThat(model.geographyPrices()).containsOnlyKeys("global").isUnmodifiable();
    }

    @Test
    void aCatalogModelRefusesAPriceForAnUnknownGeography() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogModel(
                        "vendor.tiered-v1:0", "vendor", List.of("us"), REGIONAL, Map.of("globl", GLOBAL)))
                .withMessageContaining("'globl'");
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

    private static CapabilityOverride override(String model, Boolean images, Boolean onDemand, Set<String> tiers) {
        return new CapabilityOverride(model, null, null, null, null, images, null, null, null, null, tiers, onDemand);
    }

    @Test
    void everyModelOfTheBuiltInCatalogSaysWhatItCanDo() {
        assertThat(catalog.models())
                .allSatisfy(
                        model -> assertThat(model.capabilities()).as(model.id()).isNotNull());
        assertThat(catalog.capabilities("global.anthropic.claude-sonnet-4-6").onDemand())
                .isFalse();
        assertThat(catalog.capabilities("amazon.titan-embed-text-v2:0").speaks(ModelApi.EMBEDDINGS))
                .isTrue();
        assertThat(catalog.capabilities("arn:aws:bedrock:us-east-1:1:application-inference-profile/x"))
                .isNull();
    }

    @Test
    void discoveryOverridesTheBuiltInCapabilitiesAndTheOperatorOverridesBoth() {
        ModelCatalog overridden = new ModelCatalog(
                ModelCatalog.load(JsonMapper.builder().build()),
                List.of(override("amazon.nova-pro-v1:0", null, null, Set.of("default"))));

        overridden.applyDiscovered(
                List.of(),
                List.of(
                        override("amazon.nova-pro-v1:0", false, false, null),
                        override("vendor.discovered-v1:0", true, true, null)));

        ModelCapabilities nova = overridden.capabilities("us.amazon.nova-pro-v1:0");
        assertThat(nova.images()).as("discovery's word").isFalse();
        assertThat(nova.onDemand()).as("discovery's word").isFalse();
        assertThat(nova.tools())
                .as("the built-in word, which discovery does not report")
                .isTrue();
        assertThat(nova.serviceTiers())
                .as("the operator's word over the catalog's")
                .containsExactly("default");
        assertThat(overridden.find("vendor.discovered-v1:0")).isNotNull();
        assertThat(overridden.capabilities("vendor.discovered-v1:0").images()).isTrue();
    }

    @Test
    void anOperatorCanDescribeAModelTheCatalogDoesNotKnow() {
        ModelCatalog described = new ModelCatalog(
                List.of(), List.of(override("vendor.private-v1:0", false, null, Set.of("default", "flex"))));

        ModelCapabilities can = described.capabilities("vendor.private-v1:0");
        assertThat(can.images()).isFalse();
        assertThat(can.tools()).as("everything it does not say is allowed").isTrue();
        assertThat(can.serviceTiers()).containsExactlyInAnyOrder("default", "flex");
    }

    @Test
    void onlyAModelDeclaredForBedrocksResponsesEndpointAloneMakesTheCatalogRouteResponsesCallsTwice() {
        ModelCatalog declared = new ModelCatalog(
                List.of(),
                List.of(new CapabilityOverride(
                        "openai.gpt-5.5",
                        Set.of(ModelApi.RESPONSES),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));

        assertThat(catalog.anyResponsesOnly())
                .as("the built-in file: gpt-oss also speaks Converse")
                .isFalse();
        assertThat(declared.anyResponsesOnly()).isTrue();
    }
}
