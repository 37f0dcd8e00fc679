package dev.bedrockgateway.routing;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The geographies of Bedrock's system-defined cross-region inference profiles ({@code <geography>.<model ID>}).
 * This list is the one place that knows them: a new geography is one more entry.
 */
public final class Geographies {

    /** Known inference-profile prefixes. {@code us-gov} comes before {@code us} only for readability; matching is exact. */
    public static final List<String> KNOWN = List.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    /** The setting that turns rewriting off. */
    public static final String NONE = "none";

    private Geographies() {}

    /** Whether a configured value names a known geography or {@link #NONE}. */
    public static boolean isValidSetting(String value) {
        return NONE.equals(value) || KNOWN.contains(value);
    }

    /** The geography prefix of an inference-profile ID such as {@code us.anthropic...}, or null if it has none. */
    public static @Nullable String prefixOf(String modelId) {
        int dot = modelId.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String prefix = modelId.substring(0, dot);
        return KNOWN.contains(prefix) ? prefix : null;
    }

    /**
     * The foundation-model ID under a geography's inference profile ({@code us.anthropic.x} is {@code anthropic.x});
     * other IDs as they are. Bedrock's CountTokens takes only these.
     */
    public static String baseModelId(String modelId) {
        String prefix = prefixOf(modelId);
        return prefix == null ? modelId : modelId.substring(prefix.length() + 1);
    }

    /**
     * The usual geography for callers in an AWS region, or null where there is no obvious one. Some regions
     * can use two (ap-northeast-1: apac or jp); {@code gateway.routing.geography-by-region} overrides.
     */
    public static @Nullable String fromRegion(@Nullable String region) {
        if (region == null) {
            return null;
        }
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("us-gov-")) {
            return "us-gov";
        }
        if (r.startsWith("us-")) {
            return "us";
        }
        if (r.startsWith("eu-")) {
            return "eu";
        }
        if (r.startsWith("ap-")) {
            return "apac";
        }
        return null;
    }
}
