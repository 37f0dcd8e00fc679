package dev.bedrockgateway.tenant;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated caller's tenant, as requests see it.
 *
 * @param id the tenant ID (the only tenant detail that appears in logs and metrics)
 * @param geography the tenant's inference-profile geography, or null for the gateway's
 * @param allowedGeographies geographies the tenant may be routed to; empty means any
 * @param allowedModels compiled model globs; empty means any
 * @param allowedModelGlobs the globs as configured, for messages
 * @param aws the tenant's AWS settings as configured
 * @param targets where its calls can go: one AWS identity and region, or several; never empty
 * @param serviceTier the service tier of its calls that name none, or null for Bedrock's default
 */
public record Tenant(
        String id,
        @Nullable String geography,
        Set<String> allowedGeographies,
        List<Pattern> allowedModels,
        List<String> allowedModelGlobs,
        TenancyProperties.Aws aws,
        List<AwsTarget> targets,
        @Nullable String serviceTier) {

    /** The tenant every caller acts as when authentication is disabled. */
    public static final String ANONYMOUS_ID = "anonymous";

    public Tenant {
        allowedGeographies = Set.copyOf(allowedGeographies);
        allowedModels = List.copyOf(allowedModels);
        allowedModelGlobs = List.copyOf(allowedModelGlobs);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a tenant needs at least one AWS target");
        }
    }

    /** A tenant without a service tier of its own. */
    public Tenant(
            String id,
            @Nullable String geography,
            Set<String> allowedGeographies,
            List<Pattern> allowedModels,
            List<String> allowedModelGlobs,
            TenancyProperties.Aws aws,
            List<AwsTarget> targets) {
        this(id, geography, allowedGeographies, allowedModels, allowedModelGlobs, aws, targets, null);
    }

    /** A tenant with one AWS identity and region, its {@code aws} settings. */
    public Tenant(
            String id,
            @Nullable String geography,
            Set<String> allowedGeographies,
            List<Pattern> allowedModels,
            List<String> allowedModelGlobs,
            TenancyProperties.Aws aws) {
        this(
                id,
                geography,
                allowedGeographies,
                allowedModels,
                allowedModelGlobs,
                aws,
                List.of(AwsTarget.single(id, aws)));
    }

    /** Whether the tenant may use a model, judged by the name it sent or the ID Bedrock would receive. */
    public boolean allowsModel(String requestedName, String bedrockModelId) {
        return allowedModels.isEmpty()
                || allowedModels.stream()
                        .anyMatch(glob -> glob.matcher(requestedName).matches()
                                || glob.matcher(bedrockModelId).matches());
    }

    /** Compiles a glob where {@code *} matches any run of characters and {@code ?} one character. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
