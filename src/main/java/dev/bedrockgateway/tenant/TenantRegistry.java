package dev.bedrockgateway.tenant;

import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.routing.ServiceTiers;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.TenancyProperties.Target;
import dev.bedrockgateway.tenant.TenancyProperties.TenantSettings;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured tenants and their API keys, validated at startup: a mistake fails startup with a
 * message naming the tenant and property, never a request later. Keys are held only as SHA-256 digests
 * and compared in constant time.
 */
@Component
public class TenantRegistry {

    private static final Logger log = LoggerFactory.getLogger(TenantRegistry.class);
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,5}(-[a-z]+)+-\\d{1,2}");
    private static final Aws DEFAULT_AWS = new Aws(null, null, null, null, null, null);

    private final boolean authEnabled;
    private final Map<String, Tenant> tenants;
    private final List<KeyDigest> keys;

    TenantRegistry(TenancyProperties properties) {
        this.authEnabled = properties.auth().enabled();
        Map<String, Tenant> byId = new LinkedHashMap<>();
        List<KeyDigest> digests = new ArrayList<>();
        new TreeMap<>(properties.tenants()).forEach((id, settings) -> {
            byId.put(id, tenant(id, settings));
            digests.addAll(digests(id, settings));
        });
        checkDuplicates(digests);
        if (authEnabled && byId.isEmpty()) {
            throw new IllegalStateException("gateway.auth.enabled is true but no gateway.tenants are configured: "
                    + "add a tenant with api-keys, or set gateway.auth.enabled=false for local use only");
        }
        if (!authEnabled) {
            log.warn(
                    "gateway.auth.enabled=false: every caller acts as tenant '{}' with the default AWS "
                            + "credentials. Use this only for local development.",
                    Tenant.ANONYMOUS_ID);
            byId.put(
                    Tenant.ANONYMOUS_ID,
                    new Tenant(Tenant.ANONYMOUS_ID, null, Set.of(), List.of(), List.of(), DEFAULT_AWS));
        }
        this.tenants = Map.copyOf(byId);
        this.keys = List.copyOf(digests);
    }

    /** Whether callers must present an API key. */
    public boolean authEnabled() {
        return authEnabled;
    }

    /** Every tenant requests can act as. */
    public Collection<Tenant> all() {
        return tenants.values();
    }

    /** The tenant all callers act as when authentication is disabled; null when it is enabled. */
    public @Nullable Tenant anonymous() {
        return tenants.get(Tenant.ANONYMOUS_ID);
    }

    /**
     * The tenant whose key this is. Every configured digest is compared, with no early exit, so the time
     * taken does not tell how much of a key matched or which tenant came close.
     */
    public Optional<Tenant> authenticate(String presentedKey) {
        byte[] digest = ApiKeys.digest(presentedKey);
        String found = null;
        for (KeyDigest key : keys) {
            if (MessageDigest.isEqual(key.digest(), digest)) {
                found = key.tenantId();
            }
        }
        return found == null ? Optional.empty() : Optional.ofNullable(tenants.get(found));
    }

    private Tenant tenant(String id, TenantSettings settings) {
        String property = "gateway.tenants." + id;
        require(
                TENANT_ID.matcher(id).matches(),
                property,
                "tenant IDs may use letters, digits, '-' and '_' (at most 64)");
        if (authEnabled) {
            require(!settings.apiKeys().isEmpty(), property + ".api-keys", "list at least one API key");
        }
        if (settings.geography() != null && !settings.geography().isBlank()) {
            require(
                    Geographies.isValidSetting(settings.geography()),
                    property + ".geography",
                    "use one of " + Geographies.KNOWN + " or " + Geographies.NONE);
        }
        settings.allowedGeographies()
                .forEach(geography -> require(
                        Geographies.KNOWN.contains(geography),
                        property + ".allowed-geographies",
                        "'" + geography + "' is not one of " + Geographies.KNOWN));
        String tier = blankToNull(settings.serviceTier());
        if (tier != null) {
            require(
                    ServiceTiers.KNOWN.contains(tier),
                    property + ".service-tier",
                    "'" + tier + "' is not one of " + ServiceTiers.KNOWN);
        }
        return new Tenant(
                id,
                blankToNull(settings.geography()),
                Set.copyOf(settings.allowedGeographies()),
                settings.allowedModels().stream().map(Tenant::glob).toList(),
                settings.allowedModels(),
                settings.aws(),
                targets(id, settings.aws()),
                tier);
    }

    /** The tenant's targets: its {@code aws} settings as one, or each of {@code aws.targets}. */
    private static List<AwsTarget> targets(String id, Aws aws) {
        String property = "gateway.tenants." + id + ".aws";
        if (aws.targets().isEmpty()) {
            AwsTarget single = AwsTarget.single(id, aws);
            checkIdentity(single);
            return List.of(single);
        }
        require(
                !aws.setsSingleTarget(),
                property,
                "set either aws.targets or the single-target settings (profile, role-arn, region, ...), not both");
        List<AwsTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < aws.targets().size(); i++) {
            Target target = aws.targets().get(i);
            String at = property + ".targets[" + i + "]";
            String name = target.name() != null
                    ? target.name()
                    : i + "-" + (target.region() != null ? target.region() : "default");
            require(TARGET_NAME.matcher(name).matches(), at + ".name", "names may use letters, digits, '.', '-', '_'");
            require(names.add(name), at + ".name", "'" + name + "' names another target of this tenant too");
            require(target.weight() >= 0, at + ".weight", "must be 0 (a standby) or more");
            AwsTarget built = new AwsTarget(
                    id,
                    name,
                    i,
                    at,
                    new Aws(
                            target.profile(),
                            target.roleArn(),
                            target.externalId(),
                            target.sessionName(),
                            target.sourceProfile(),
                            target.region()),
                    target.weight());
            checkIdentity(built);
            targets.add(built);
        }
        require(
                targets.stream().anyMatch(target -> target.weight() > 0),
                property + ".targets",
                "at least one target needs a weight above 0; 0 only makes a standby");
        return targets;
    }

    private static void checkIdentity(AwsTarget target) {
        Aws aws = target.identity();
        String property = target.property();
        require(aws.profile() == null || aws.roleArn() == null, property, "set either profile or role-arn, not both");
        require(
                aws.region() == null || REGION.matcher(aws.region()).matches(),
                property + ".region",
                "'" + aws.region() + "' is not an AWS region name such as us-east-1");
        require(
                aws.roleArn() == null || aws.roleArn().startsWith("arn:aws"),
                property + ".role-arn",
                "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    }

    private List<KeyDigest> digests(String id, TenantSettings settings) {
        List<KeyDigest> digests = new ArrayList<>();
        for (int i = 0; i < settings.apiKeys().size(); i++) {
            String property = "gateway.tenants." + id + ".api-keys[" + i + "]";
            // Stripped as presented keys are: a Secret file's trailing newline must not make a key unusable.
            String configured = settings.apiKeys().get(i) == null
                    ? ""
                    : settings.apiKeys().get(i).strip();
            require(!configured.isEmpty(), property, "an API key must not be blank");
            byte[] digest;
            try {
                digest = ApiKeys.configuredDigest(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + ": a sha256: key must be 'sha256:' and 64 hex digits");
            }
            digests.add(new KeyDigest(digest, id));
        }
        return digests;
    }

    /** Rejects the same key twice, naming where without ever printing the key. */
    private static void checkDuplicates(List<KeyDigest> digests) {
        for (int i = 0; i < digests.size(); i++) {
            for (int j = i + 1; j < digests.size(); j++) {
                if (MessageDigest.isEqual(
                        digests.get(i).digest(), digests.get(j).digest())) {
                    throw new IllegalStateException("The same API key is configured twice, for tenants '"
                            + digests.get(i).tenantId() + "' and '"
                            + digests.get(j).tenantId() + "'");
                }
            }
        }
    }

    private static void require(boolean condition, String property, String message) {
        if (!condition) {
            throw new IllegalStateException(property + ": " + message);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record KeyDigest(byte[] digest, String tenantId) {}
}
