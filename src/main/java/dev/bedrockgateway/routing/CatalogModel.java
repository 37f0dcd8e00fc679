package dev.bedrockgateway.routing;

import java.util.List;

/**
 * One foundation model the gateway knows.
 *
 * @param id Bedrock's foundation-model ID
 * @param provider who makes the model (OpenAI's {@code owned_by})
 * @param geographies inference-profile geographies that serve it ({@code us}, {@code eu}, ...)
 */
public record CatalogModel(String id, String provider, List<String> geographies) {

    public CatalogModel {
        geographies = List.copyOf(geographies);
    }
}
