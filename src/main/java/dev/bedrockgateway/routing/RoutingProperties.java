package dev.bedrockgateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model routing settings ({@code gateway.routing.*}). Invalid values fail startup with a message naming
 * the property.
 *
 * @param defaultGeography geography for rewriting direct model IDs when a tenant sets none; unset means
 *     derive it from the AWS region; {@code none} turns rewriting off
 * @param geographyByRegion overrides of the region-derived geography, e.g. {@code ap-northeast-1: jp}
 * @param aliases friendly names callers may send, mapped to model IDs, e.g. {@code claude-haiku}
 * @param discovery refreshing the model catalog from Bedrock's ListInferenceProfiles and ListFoundationModels
 * @param modelCapabilities an operator's word on what models can do, over the built-in catalog and discovery
 */
@ConfigurationProperties("gateway.routing")
public record RoutingProperties(
        @Nullable String defaultGeography,
        @DefaultValue Map<String, String> geographyByRegion,
        @DefaultValue Map<String, String> aliases,
        @DefaultValue Discovery discovery,
        @DefaultValue List<CapabilityOverride> modelCapabilities) {

    public RoutingProperties {
        geographyByRegion = Map.copyOf(geographyByRegion);
        aliases = Map.copyOf(aliases);
        modelCapabilities = List.copyOf(modelCapabilities);
        for (int i = 0; i < modelCapabilities.size(); i++) {
            if (modelCapabilities.get(i).model() == null
                    || modelCapabilities.get(i).model().isBlank()) {
                throw new IllegalArgumentException(
                        "gateway.routing.model-capabilities[" + i + "].model must name a foundation-model ID");
            }
        }
        if (defaultGeography != null && !defaultGeography.isBlank() && !Geographies.isValidSetting(defaultGeography)) {
            throw invalid("gateway.routing.default-geography", defaultGeography);
        }
        geographyByRegion.forEach((region, geography) -> {
            if (!Geographies.isValidSetting(geography)) {
                throw invalid("gateway.routing.geography-by-region." + region, geography);
            }
        });
        aliases.forEach((alias, target) -> {
            if (alias.isBlank() || target.isBlank()) {
                throw new IllegalArgumentException(
                        "gateway.routing.aliases." + alias + " must map a name to a model ID");
            }
        });
    }

    private static IllegalArgumentException invalid(String property, String value) {
        return new IllegalArgumentException(
                property + " is '" + value + "'; use one of " + Geographies.KNOWN + " or " + Geographies.NONE);
    }

    /**
     * Catalog discovery.
     *
     * @param enabled whether to call ListInferenceProfiles at startup and then periodically
     * @param refreshInterval time between refreshes
     */
    public record Discovery(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("6h") Duration refreshInterval) {

        public Discovery {
            if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("gateway.routing.discovery.refresh-interval must be at least 1s");
            }
        }
    }
}
