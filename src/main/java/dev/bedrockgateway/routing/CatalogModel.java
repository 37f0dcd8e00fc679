package dev.bedrockgateway.routing;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One foundation model the gateway knows.
 *
 * @param id Bedrock's foundation-model ID
 * @param provider who makes the model (OpenAI's {@code owned_by})
 * @param geographies inference-profile geographies that serve it ({@code us}, {@code eu}, ...)
 * @param price the on-demand price of the foundation-model ID and of its geographies' inference profiles, or null
 *     when nobody recorded one
 * @param geographyPrices prices that differ for one geography's inference profile, by geography (a
 *     {@code global} profile is cheaper for some models); empty when every profile costs {@code price}
 * @param capabilities what the model can do, or null when nobody recorded it (then nothing is refused for it)
 */
public record CatalogModel(
        String id,
        String provider,
        List<String> geographies,
        @Nullable ModelPrice price,
        Map<String, ModelPrice> geographyPrices,
        @Nullable ModelCapabilities capabilities) {

    /**
     * Copies the lists and maps; a missing {@code geographyPrices} (as a catalog file without one reads) is empty.
     *
     * @throws IllegalArgumentException when {@code geographyPrices} names a geography that is not a known one
     */
    public CatalogModel {
        geographies = List.copyOf(geographies);
        // Jackson passes null for a model without "geographyPrices"
        geographyPrices = geographyPrices == null ? Map.of() : Map.copyOf(geographyPrices);
        for (String geography : geographyPrices.keySet()) {
            if (!Geographies.KNOWN.contains(geography)) {
                throw new IllegalArgumentException("Model " + id + " has a price for the unknown geography '"
                        + geography + "'; known: " + Geographies.KNOWN);
            }
        }
    }

    /** A model whose capabilities nobody recorded. */
    public CatalogModel(
            String id,
            String provider,
            List<String> geographies,
            @Nullable ModelPrice price,
            Map<String, ModelPrice> geographyPrices) {
        this(id, provider, geographies, price, geographyPrices, null);
    }

    /** A model without a price or recorded capabilities. */
    public CatalogModel(String id, String provider, List<String> geographies) {
        this(id, provider, geographies, null, Map.of());
    }

    /** This model with other capabilities. */
    public CatalogModel with(@Nullable ModelCapabilities other) {
        return new CatalogModel(id, provider, geographies, price, geographyPrices, other);
    }
}
