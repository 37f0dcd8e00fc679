package dev.bedrockgateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The foundation models the gateway knows, the geographies whose inference profiles serve them, their on-demand
 * prices and what each can do. The built-in list comes from {@code model-catalog.json} (a resource file, so updating
 * it needs no code change); discovery may add what Bedrock itself reports, without prices; an operator's
 * {@code gateway.routing.model-capabilities} win over both. Reads are lock-free: a refresh swaps in a new immutable
 * snapshot.
 */
@Component
public class ModelCatalog {

    static final String RESOURCE = "model-catalog.json";

    private final List<CatalogModel> builtIn;
    private final Map<String, CatalogModel> builtInById;
    private final List<CapabilityOverride> overrides;
    private volatile Map<String, CatalogModel> byId;
    /** Whether any model answers only on Bedrock's Responses endpoint; set with {@link #byId}. */
    private volatile boolean anyResponsesOnly;

    @Autowired
    ModelCatalog(JsonMapper jsonMapper, RoutingProperties properties) {
        this(load(jsonMapper), properties.modelCapabilities());
    }

    /** The built-in catalog without overrides. */
    ModelCatalog(JsonMapper jsonMapper) {
        this(load(jsonMapper), List.of());
    }

    ModelCatalog(List<CatalogModel> builtIn) {
        this(builtIn, List.of());
    }

    /**
     * @throws IllegalArgumentException when an override cannot apply (it would make a model an embeddings model
     *     without saying what it takes)
     */
    ModelCatalog(List<CatalogModel> builtIn, List<CapabilityOverride> overrides) {
        this.builtIn = List.copyOf(builtIn);
        this.builtInById = index(this.builtIn);
        this.overrides = List.copyOf(overrides);
        replace(index(overridden(this.builtIn, List.of())));
    }

    /** Every known model, built-in ones first, in catalog order. */
    public List<CatalogModel> models() {
        return List.copyOf(byId.values());
    }

    /** The model with this foundation-model ID, or null. */
    public @Nullable CatalogModel find(String modelId) {
        return byId.get(modelId);
    }

    /**
     * Whether a model ID as sent to Bedrock is one the catalog knows: a known foundation model, or a known
     * geography's inference profile of one. Metrics use it to keep unknown names out of their tags.
     */
    public boolean knows(String bedrockModelId) {
        String geography = Geographies.prefixOf(bedrockModelId);
        return geography == null
                ? byId.containsKey(bedrockModelId)
                : hasProfile(bedrockModelId.substring(geography.length() + 1), geography);
    }

    /**
     * The on-demand price of a model ID as sent to Bedrock, or null when the catalog has none. For a
     * {@code <geography>.<modelId>} inference profile it is that geography's own price when the model has one
     * (a {@code global} profile is cheaper for some models), else the model's price; for a plain foundation-model
     * ID, the model's price. ARNs and IDs of models the catalog does not know have no price.
     */
    public @Nullable ModelPrice price(String bedrockModelId) {
        Map<String, CatalogModel> snapshot = byId;
        String geography = Geographies.prefixOf(bedrockModelId);
        if (geography == null) {
            CatalogModel model = snapshot.get(bedrockModelId);
            return model == null ? null : model.price();
        }
        CatalogModel model = snapshot.get(bedrockModelId.substring(geography.length() + 1));
        if (model == null) {
            return null;
        }
        ModelPrice own = model.geographyPrices().get(geography);
        return own != null ? own : model.price();
    }

    /**
     * What the model behind an ID as sent to Bedrock (a foundation-model ID or a geography's inference profile of
     * one) can do, or null when the catalog does not know it: then nothing is refused for it.
     */
    public @Nullable ModelCapabilities capabilities(String bedrockModelId) {
        CatalogModel model = byId.get(Geographies.baseModelId(bedrockModelId));
        return model == null ? null : model.capabilities();
    }

    /**
     * Whether any model the catalog knows answers only on Bedrock's Responses endpoint: when none does (the usual
     * case), a Responses API call need not be routed twice to find out where it goes.
     */
    public boolean anyResponsesOnly() {
        return anyResponsesOnly;
    }

    private void replace(Map<String, CatalogModel> models) {
        byId = models;
        anyResponsesOnly = models.values().stream()
                .map(CatalogModel::capabilities)
                .anyMatch(can -> can != null && !can.speaks(ModelApi.CONVERSE) && can.speaks(ModelApi.RESPONSES));
    }

    /** Whether {@code <geography>.<modelId>} is a known system-defined inference profile. */
    public boolean hasProfile(String modelId, String geography) {
        CatalogModel model = byId.get(modelId);
        return model != null && model.geographies().contains(geography);
    }

    /**
     * Replaces what discovery contributed with these system-defined inference-profile IDs
     * ({@code us.anthropic...}), on top of the built-in list. IDs without a known geography are ignored. Built-in
     * models keep their provider, prices and capabilities; models only discovery knows have no price.
     */
    public void applyDiscovered(Collection<String> profileIds) {
        applyDiscovered(profileIds, List.of());
    }

    /**
     * As {@link #applyDiscovered(Collection)}, with what ListFoundationModels said of each model (modalities,
     * streaming, inference types) over the built-in capabilities, and the operator's overrides over both. A model
     * only discovery knows takes what it said, over the assumption that it can do everything.
     */
    public void applyDiscovered(Collection<String> profileIds, List<CapabilityOverride> discovered) {
        Map<String, Set<String>> geographies = new LinkedHashMap<>();
        builtIn.forEach(model -> geographies.put(model.id(), new LinkedHashSet<>(model.geographies())));
        for (String profileId : profileIds) {
            String geography = Geographies.prefixOf(profileId);
            if (geography != null) {
                geographies
                        .computeIfAbsent(profileId.substring(geography.length() + 1), id -> new LinkedHashSet<>())
                        .add(geography);
            }
        }
        discovered.forEach(model -> geographies.putIfAbsent(model.model(), new LinkedHashSet<>()));
        List<CatalogModel> merged = new ArrayList<>();
        geographies.forEach((id, geos) -> {
            CatalogModel known = builtInById.get(id);
            merged.add(
                    known == null
                            ? new CatalogModel(id, providerOf(id), List.copyOf(geos))
                            : new CatalogModel(
                                    id,
                                    known.provider(),
                                    List.copyOf(geos),
                                    known.price(),
                                    known.geographyPrices(),
                                    known.capabilities()));
        });
        replace(index(overridden(merged, discovered)));
    }

    /** The models with discovery's word over the built-in capabilities, then the operator's over both. */
    private List<CatalogModel> overridden(List<CatalogModel> models, List<CapabilityOverride> discovered) {
        Map<String, CatalogModel> result = new LinkedHashMap<>(index(models));
        for (List<CapabilityOverride> layer : List.of(discovered, overrides)) {
            for (CapabilityOverride override : layer) {
                CatalogModel model = result.get(override.model());
                CatalogModel base = model != null
                        ? model
                        : new CatalogModel(override.model(), providerOf(override.model()), List.of());
                ModelCapabilities known = base.capabilities();
                result.put(
                        override.model(), base.with(override.applyTo(known != null ? known : CapabilityOverride.OPEN)));
            }
        }
        return List.copyOf(result.values());
    }

    private static String providerOf(String modelId) {
        int dot = modelId.indexOf('.');
        return dot > 0 ? modelId.substring(0, dot) : "unknown";
    }

    private static Map<String, CatalogModel> index(List<CatalogModel> models) {
        Map<String, CatalogModel> index = new LinkedHashMap<>();
        models.forEach(model -> index.put(model.id(), model));
        return Collections.unmodifiableMap(index);
    }

    static List<CatalogModel> load(JsonMapper jsonMapper) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return jsonMapper.readValue(in, CatalogFile.class).resolved();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model catalog " + RESOURCE, e);
        }
    }

    /** The file: capability sets by name, and models that name theirs. */
    @JsonIgnoreProperties("_comment")
    private record CatalogFile(Map<String, ModelCapabilities> capabilitySets, List<FileModel> models) {

        List<CatalogModel> resolved() {
            return models.stream().map(this::resolved).toList();
        }

        private CatalogModel resolved(FileModel model) {
            ModelCapabilities capabilities = capabilitySets.get(model.capabilities());
            if (capabilities == null) {
                throw new IllegalStateException(RESOURCE + ": model " + model.id() + " names the capability set '"
                        + model.capabilities() + "', which is not among " + capabilitySets.keySet());
            }
            boolean onDemand = model.onDemand() == null || model.onDemand();
            return new CatalogModel(
                    model.id(),
                    model.provider(),
                    model.geographies(),
                    model.price(),
                    model.geographyPrices() == null ? Map.of() : model.geographyPrices(),
                    capabilities.withOnDemand(onDemand));
        }
    }

    /** A model as the file writes it; {@code onDemand} is true unless it says otherwise. */
    private record FileModel(
            String id,
            String provider,
            List<String> geographies,
            @Nullable ModelPrice price,
            @Nullable Map<String, ModelPrice> geographyPrices,
            String capabilities,
            @Nullable Boolean onDemand) {}
}
