package dev.bedrockgateway.tenant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Callers and their AWS identities ({@code gateway.auth.*}, {@code gateway.tenants.<id>.*}). Spring
 * properties, so YAML files, environment variables and Kubernetes ConfigMaps or Secrets all work.
 *
 * @param auth whether callers must present an API key
 * @param tenants tenants by ID
 */
@ConfigurationProperties("gateway")
public record TenancyProperties(
        @DefaultValue Auth auth, @DefaultValue Map<String, TenantSettings> tenants) {

    public TenancyProperties {
        tenants = Map.copyOf(tenants);
    }

    /**
     * Caller authentication.
     *
     * @param enabled false only for local use: every caller then acts as one anonymous tenant
     */
    public record Auth(@DefaultValue("true") boolean enabled) {}

    /**
     * One tenant.
     *
     * @param apiKeys keys that identify the tenant: {@code sha256:<hex>} of a key (recommended), or the key
     *     itself (typically injected from an environment variable)
     * @param aws the AWS identity and region the gateway uses for this tenant's calls
     * @param geography inference-profile geography for this tenant's direct model IDs
     * @param allowedGeographies geographies this tenant may be routed to; empty means any
     * @param allowedModels glob patterns over the model name the caller sent and the model ID Bedrock
     *     receives; empty means any
     * @param limits this tenant's own limits; each value set here replaces {@code gateway.limits.defaults}
     * @param serviceTier the Bedrock service tier of this tenant's calls that name none ({@code priority},
     *     {@code default}, {@code flex}), used where the model offers it
     */
    public record TenantSettings(
            @DefaultValue List<String> apiKeys,
            @DefaultValue Aws aws,
            @Nullable String geography,
            @DefaultValue List<String> allowedGeographies,
            @DefaultValue List<String> allowedModels,
            @DefaultValue Limits limits,
            @Nullable String serviceTier) {

        public TenantSettings {
            apiKeys = List.copyOf(apiKeys);
            allowedGeographies = List.copyOf(allowedGeographies);
            allowedModels = List.copyOf(allowedModels);
        }
    }

    /**
     * A tenant's limits, as configured; an unset value means the default's, and no limit where neither says.
     * Per-model limits ({@code limits.models."<glob>"}) are read with their keys as written, see the
     * {@code limits} package.
     *
     * @param requestsPerMinute calls a minute
     * @param tokensPerMinute input plus output tokens a minute
     * @param concurrentRequests calls in flight at once, across all replicas
     * @param budget spending limits in USD
     */
    public record Limits(
            @Nullable Long requestsPerMinute,
            @Nullable Long tokensPerMinute,
            @Nullable Integer concurrentRequests,
            @DefaultValue Budget budget) {}

    /**
     * Spending limits, at catalog or configured prices.
     *
     * @param usdPerDay USD a UTC day
     * @param usdPerMonth USD a UTC calendar month
     */
    public record Budget(
            @Nullable BigDecimal usdPerDay, @Nullable BigDecimal usdPerMonth) {}

    /**
     * Where a tenant's AWS credentials come from: an AWS config profile (SSO included), a role to
     * assume, or, with neither, the default credentials chain; or several such Bedrock targets.
     *
     * @param profile name of an AWS config profile ({@code [profile NAME]} in {@code AWS_CONFIG_FILE})
     * @param roleArn role to assume with STS
     * @param externalId external ID for the role, if its trust policy requires one
     * @param sessionName role session name; default {@code bedrock-gateway-<tenant>}
     * @param sourceProfile AWS config profile whose credentials assume the role; default chain if unset
     * @param region AWS region of this tenant's Bedrock calls; default {@code gateway.bedrock.region}
     * @param targets several accounts, roles or regions whose quotas add up, instead of the settings above
     */
    public record Aws(
            @Nullable String profile,
            @Nullable String roleArn,
            @Nullable String externalId,
            @Nullable String sessionName,
            @Nullable String sourceProfile,
            @Nullable String region,
            @DefaultValue List<Target> targets) {

        @ConstructorBinding
        public Aws {
            targets = List.copyOf(targets);
        }

        /** A single identity and region, the form without {@code targets}. */
        public Aws(
                @Nullable String profile,
                @Nullable String roleArn,
                @Nullable String externalId,
                @Nullable String sessionName,
                @Nullable String sourceProfile,
                @Nullable String region) {
            this(profile, roleArn, externalId, sessionName, sourceProfile, region, List.of());
        }

        /** Whether any single-target setting is made, which {@code targets} would contradict. */
        boolean setsSingleTarget() {
            return profile != null
                    || roleArn != null
                    || externalId != null
                    || sessionName != null
                    || sourceProfile != null
                    || region != null;
        }
    }

    /**
     * One of a tenant's Bedrock targets: an AWS identity and region, with its share of the tenant's calls.
     *
     * @param name how metrics, breakers and the access log name it; default {@code <index>-<region>}
     * @param profile as {@link Aws#profile()}
     * @param roleArn as {@link Aws#roleArn()}
     * @param externalId as {@link Aws#externalId()}
     * @param sessionName as {@link Aws#sessionName()}
     * @param sourceProfile as {@link Aws#sourceProfile()}
     * @param region as {@link Aws#region()}
     * @param weight its share of calls; 0 makes it a standby, used only when the others fail
     */
    public record Target(
            @Nullable String name,
            @Nullable String profile,
            @Nullable String roleArn,
            @Nullable String externalId,
            @Nullable String sessionName,
            @Nullable String sourceProfile,
            @Nullable String region,
            @DefaultValue("1") int weight) {}
}
