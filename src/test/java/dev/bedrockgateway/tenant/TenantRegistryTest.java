package dev.bedrockgateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.bedrockgateway.tenant.TenancyProperties.Auth;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.TenancyProperties.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class TenantRegistryTest {

    private static final String KEY_A = "key-alpha-3b7f1e";
    private static final String KEY_B = "key-bravo-92cd04";
    private static final Aws NO_AWS = aws(null, null, null);
    private static final TenancyProperties.Limits NO_LIMITS =
            new TenancyProperties.Limits(null, null, null, new TenancyProperties.Budget(null, null));

    // authentication

    @Test
    void authenticateWhenThePlainKeyIsConfiguredThenItsTenantIsFound() {
        TenantRegistry registry = registry(Map.of("alpha", keys(KEY_A), "bravo", keys(KEY_B)));

        assertThat(registry.authenticate(KEY_A)).map(Tenant::id).contains("alpha");
        assertThat(registry.authenticate(KEY_B)).map(Tenant::id).contains("bravo");
    }

    @Test
    void authenticateWhenTheKeyIsConfiguredAsItsSha256ThenThePlainKeyFindsTheTenant() {
        TenantRegistry registry = registry(Map.of("alpha", keys("sha256:" + sha256Hex(KEY_A))));

        assertThat(registry.authenticate(KEY_A)).map(Tenant::id).contains("alpha");
    }

    @Test
    void authenticateWhenTheSha256HexIsUpperCaseThenItStillMatches() {
        TenantRegistry registry =
                registry(Map.of("alpha", keys("sha256:" + sha256Hex(KEY_A).toUpperCase())));

        assertThat(registry.authenticate(KEY_A)).map(Tenant::id).contains("alpha");
    }

    @Test
    void authenticateWhenATenantHasSeveralKeysThenEachOneFindsIt() {
        TenantRegistry registry = registry(Map.of("alpha", keys(KEY_A, "sha256:" + sha256Hex(KEY_B))));

        assertThat(registry.authenticate(KEY_A)).map(Tenant::id).contains("alpha");
        assertThat(registry.authenticate(KEY_B)).map(Tenant::id).contains("alpha");
    }

    @Test
    void authenticateWhenTheKeyIsUnknownThenEmpty() {
        TenantRegistry registry = registry(Map.of("alpha", keys(KEY_A, "sha256:" + sha256Hex(KEY_B))));

        assertThat(registry.authenticate("key-alpha-3b7f1")).isEmpty();
        assertThat(registry.authenticate(KEY_A + " ")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate("sha256:" + sha256Hex(KEY_B)))
                .as("the digest itself is no key")
                .isEmpty();
    }

    @Test
    void registryWhenAuthIsEnabledThenThereIsNoAnonymousTenant() {
        TenantRegistry registry = registry(Map.of("alpha", keys(KEY_A)));

        assertThat(registry.authEnabled()).isTrue();
        assertThat(registry.anonymous()).isNull();
        assertThat(registry.all()).extracting(Tenant::id).containsExactly("alpha");
    }

    @Test
    void registryWhenAuthIsDisabledThenEveryCallerIsTheAnonymousTenantWithDefaultAwsSettings() {
        TenantRegistry registry = new TenantRegistry(new TenancyProperties(new Auth(false), Map.of()));

        assertThat(registry.authEnabled()).isFalse();
        Tenant anonymous = registry.anonymous();
        assertThat(anonymous.id()).isEqualTo(Tenant.ANONYMOUS_ID).isEqualTo("anonymous");
        assertThat(anonymous.aws()).isEqualTo(NO_AWS);
        assertThat(anonymous.geography()).isNull();
        assertThat(anonymous.allowedGeographies()).isEmpty();
        assertThat(anonymous.allowsModel("anything", "us.anything")).isTrue();
        assertThat(registry.all()).containsExactly(anonymous);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void registryWhenAuthIsDisabledThenStartupLogsAWarningThatItIsForLocalUseOnly(CapturedOutput output) {
        new TenantRegistry(new TenancyProperties(new Auth(false), Map.of()));

        assertThat(output.getOut().lines().filter(line -> line.contains("gateway.auth.enabled=false")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("WARN", "anonymous", "local development"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void registryWhenAuthIsEnabledThenStartupLogsNoAuthWarning(CapturedOutput output) {
        registry(Map.of("alpha", keys(KEY_A)));

        assertThat(output.getAll()).doesNotContain("gateway.auth.enabled=false");
    }

    @Test
    void registryWhenAuthIsDisabledThenTenantsNeedNoKeys() {
        TenantRegistry registry = new TenantRegistry(new TenancyProperties(new Auth(false), Map.of("alpha", keys())));

        assertThat(registry.all()).extracting(Tenant::id).containsExactlyInAnyOrder("alpha", "anonymous");
    }

    @Test
    void registryWhenAuthIsEnabledWithoutTenantsThenStartupFailsSayingWhatToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new TenantRegistry(new TenancyProperties(new Auth(true), Map.of())))
                .withMessageContaining("gateway.auth.enabled")
                .withMessageContaining("gateway.tenants");
    }

    @Test
    void registryWhenSettingsAreValidThenTheTenantCarriesThem() {
        Aws aws = new Aws(null, "arn:aws:iam::123456789012:role/R", "ext", "session", "base", "eu-west-1");
        TenantRegistry registry = registry(Map.of(
                "alpha",
                new TenantSettings(
                        List.of(KEY_A), aws, "eu", List.of("eu", "global"), List.of("*nova*"), NO_LIMITS, null)));

        Tenant alpha = registry.authenticate(KEY_A).orElseThrow();
        assertThat(alpha.aws()).isEqualTo(aws);
        assertThat(alpha.geography()).isEqualTo("eu");
        assertThat(alpha.allowedGeographies()).containsExactlyInAnyOrder("eu", "global");
        assertThat(alpha.allowedModelGlobs()).containsExactly("*nova*");
    }

    @Test
    void registryWhenGeographyIsBlankThenTheTenantUsesTheGatewaysGeography() {
        TenantRegistry registry = registry(Map.of(
                "alpha", new TenantSettings(List.of(KEY_A), NO_AWS, " ", List.of(), List.of(), NO_LIMITS, null)));

        assertThat(registry.authenticate(KEY_A).orElseThrow().geography()).isNull();
    }

    /**
     * A key with surrounding whitespace (a Kubernetes Secret file's trailing newline, say) is a mistake the
     * registry must either forgive or refuse at startup: callers' keys are stripped before the lookup, so
     * kept as it is, such a key can never match and the tenant fails only later, with 401s.
     */
    @Test
    void registryWhenAConfiguredKeyHasSurroundingWhitespaceThenItIsStrippedOrStartupFails() {
        Throwable failure = catchThrowable(() -> registry(Map.of("alpha", keys(KEY_A + "\n"))));

        if (failure == null) {
            assertThat(registry(Map.of("alpha", keys(KEY_A + "\n"))).authenticate(KEY_A))
                    .map(Tenant::id)
                    .contains("alpha");
        } else {
            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("gateway.tenants.alpha.api-keys[0]: ")
                    .hasMessageNotContaining(KEY_A);
        }
    }

    // startup validation

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("no api-keys", "alpha", keys(), "gateway.tenants.alpha.api-keys"),
                Arguments.of("blank key", "alpha", keys(KEY_A, "  "), "gateway.tenants.alpha.api-keys[1]"),
                Arguments.of(
                        "sha256 too short",
                        "alpha",
                        keys("sha256:" + sha256Hex(KEY_A).substring(2)),
                        "gateway.tenants.alpha.api-keys[0]"),
                Arguments.of(
                        "sha256 not hex",
                        "alpha",
                        keys("sha256:" + "9z".repeat(32)),
                        "gateway.tenants.alpha.api-keys[0]"),
                Arguments.of("empty sha256", "alpha", keys("sha256:"), "gateway.tenants.alpha.api-keys[0]"),
                Arguments.of(
                        "profile and role",
                        "alpha",
                        settings(aws("p", "arn:aws:iam::1:role/R", null)),
                        "gateway.tenants.alpha.aws"),
                Arguments.of(
                        "bad region", "alpha", settings(aws(null, null, "europe")), "gateway.tenants.alpha.aws.region"),
                Arguments.of(
                        "upper-case region",
                        "alpha",
                        settings(aws(null, null, "US-EAST-1")),
                        "gateway.tenants.alpha.aws.region"),
                Arguments.of(
                        "bad role ARN",
                        "alpha",
                        settings(aws(null, "BedrockCaller", null)),
                        "gateway.tenants.alpha.aws.role-arn"),
                Arguments.of(
                        "bad geography",
                        "alpha",
                        new TenantSettings(List.of(KEY_A), NO_AWS, "mars", List.of(), List.of(), NO_LIMITS, null),
                        "gateway.tenants.alpha.geography"),
                Arguments.of(
                        "unknown service tier",
                        "alpha",
                        new TenantSettings(List.of(KEY_A), NO_AWS, null, List.of(), List.of(), NO_LIMITS, "gold"),
                        "gateway.tenants.alpha.service-tier"),
                Arguments.of(
                        "bad allowed geography",
                        "alpha",
                        new TenantSettings(
                                List.of(KEY_A), NO_AWS, null, List.of("eu", "mars"), List.of(), NO_LIMITS, null),
                        "gateway.tenants.alpha.allowed-geographies"),
                Arguments.of(
                        "targets beside a single-target setting",
                        "alpha",
                        settings(targets(aws("p", null, null), target(null, "us-east-1", 1))),
                        "gateway.tenants.alpha.aws"),
                Arguments.of(
                        "negative target weight",
                        "alpha",
                        settings(targets(NO_AWS, target(null, "us-east-1", -1))),
                        "gateway.tenants.alpha.aws.targets[0].weight"),
                Arguments.of(
                        "only standby targets",
                        "alpha",
                        settings(targets(NO_AWS, target(null, "us-east-1", 0), target(null, "us-west-2", 0))),
                        "gateway.tenants.alpha.aws.targets"),
                Arguments.of(
                        "two targets of one name",
                        "alpha",
                        settings(targets(NO_AWS, target("a", "us-east-1", 1), target("a", "us-west-2", 1))),
                        "gateway.tenants.alpha.aws.targets[1].name"),
                Arguments.of(
                        "bad target region",
                        "alpha",
                        settings(targets(NO_AWS, target(null, "us-east-1", 1), target(null, "west", 1))),
                        "gateway.tenants.alpha.aws.targets[1].region"),
                Arguments.of("tenant ID with a space", "bad tenant", keys(KEY_A), "gateway.tenants.bad tenant"),
                Arguments.of("tenant ID with a dot", "a.b", keys(KEY_A), "gateway.tenants.a.b"),
                Arguments.of("tenant ID too long", "t".repeat(65), keys(KEY_A), "gateway.tenants." + "t".repeat(65)));
    }

    // AWS targets

    @Test
    void aTenantWithoutTargetsHasOneTargetMadeOfItsAwsSettings() {
        Aws aws = aws("alpha-prod", null, "eu-west-1");

        Tenant alpha =
                registry(Map.of("alpha", settings(aws))).authenticate(KEY_A).orElseThrow();

        assertThat(alpha.targets())
                .containsExactly(new AwsTarget("alpha", "default", 0, "gateway.tenants.alpha.aws", aws, 1));
    }

    @Test
    void targetsAsConfiguredInYamlBecomeTheTenantsTargetsInOrderWithTheirNamesWeightsAndIdentities() {
        Map<String, String> yaml = new LinkedHashMap<>();
        yaml.put("gateway.tenants.alpha.api-keys[0]", KEY_A);
        yaml.put("gateway.tenants.alpha.aws.targets[0].profile", "alpha-prod");
        yaml.put("gateway.tenants.alpha.aws.targets[0].region", "us-east-1");
        yaml.put("gateway.tenants.alpha.aws.targets[0].weight", "2");
        yaml.put("gateway.tenants.alpha.aws.targets[1].role-arn", "arn:aws:iam::222222222222:role/bedrock");
        yaml.put("gateway.tenants.alpha.aws.targets[1].region", "us-west-2");
        yaml.put("gateway.tenants.alpha.aws.targets[2].name", "spare");
        yaml.put("gateway.tenants.alpha.aws.targets[2].region", "us-east-2");
        yaml.put("gateway.tenants.alpha.aws.targets[2].weight", "0");
        TenancyProperties properties = new Binder(new MapConfigurationPropertySource(yaml))
                .bind("gateway", TenancyProperties.class)
                .get();

        Tenant alpha = new TenantRegistry(properties).authenticate(KEY_A).orElseThrow();

        assertThat(alpha.targets())
                .extracting(AwsTarget::name, AwsTarget::index, AwsTarget::weight, AwsTarget::property)
                .containsExactly(
                        tuple("0-us-east-1", 0, 2, "gateway.tenants.alpha.aws.targets[0]"),
                        tuple("1-us-west-2", 1, 1, "gateway.tenants.alpha.aws.targets[1]"),
                        tuple("spare", 2, 0, "gateway.tenants.alpha.aws.targets[2]"));
        assertThat(alpha.targets().get(0).identity()).isEqualTo(aws("alpha-prod", null, "us-east-1"));
        assertThat(alpha.targets().get(1).identity())
                .isEqualTo(aws(null, "arn:aws:iam::222222222222:role/bedrock", "us-west-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void registryWhenATenantIsMisconfiguredThenStartupFailsNamingTheTenantAndPropertyButNoKey(
            String description, String tenantId, TenantSettings settings, String property) {
        Map<String, TenantSettings> tenants = new LinkedHashMap<>();
        tenants.put("valid", keys(KEY_B));
        tenants.put(tenantId, settings);

        assertThatIllegalStateException()
                .isThrownBy(() -> registry(tenants))
                .withMessageStartingWith(property + ": ")
                .satisfies(e -> assertNoKeyIn(e.getMessage(), settings));
    }

    @Test
    void registryWhenTwoTenantsShareAKeyThenStartupFailsNamingBothTenantsButNotTheKey() {
        Map<String, TenantSettings> tenants = Map.of("alpha", keys(KEY_A), "bravo", keys(KEY_B, KEY_A));

        assertThatIllegalStateException()
                .isThrownBy(() -> registry(tenants))
                .withMessageContaining("'alpha'")
                .withMessageContaining("'bravo'")
                .withMessageNotContaining(KEY_A)
                .withMessageNotContaining(sha256Hex(KEY_A));
    }

    @Test
    void registryWhenOneTenantHasAKeyPlainAndAnotherAsItsDigestThenTheDuplicateIsStillFound() {
        Map<String, TenantSettings> tenants = Map.of("alpha", keys(KEY_A), "bravo", keys("sha256:" + sha256Hex(KEY_A)));

        assertThatIllegalStateException()
                .isThrownBy(() -> registry(tenants))
                .withMessageContaining("'alpha'")
                .withMessageContaining("'bravo'")
                .withMessageNotContaining(KEY_A)
                .withMessageNotContaining(sha256Hex(KEY_A));
    }

    @Test
    void registryWhenOneTenantListsTheSameKeyTwiceThenStartupFailsWithoutTheKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(Map.of("alpha", keys(KEY_A, KEY_A))))
                .withMessageContaining("'alpha'")
                .withMessageNotContaining(KEY_A);
    }

    // model globs

    static Stream<Arguments> modelGlobs() {
        return Stream.of(
                Arguments.of(List.of(), "anything.at-all", "us.anything.at-all", true),
                Arguments.of(List.of("*"), "amazon.nova-pro-v1:0", "us.amazon.nova-pro-v1:0", true),
                Arguments.of(List.of("*nova-lite*"), "amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", true),
                Arguments.of(List.of("*nova-lite*"), "us.amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", true),
                Arguments.of(List.of("*nova-lite*"), "amazon.nova-pro-v1:0", "us.amazon.nova-pro-v1:0", false),
                // the name the caller sent matches
                Arguments.of(
                        List.of("amazon.nova-lite-v1:0"), "amazon.nova-lite-v1:0", "eu.amazon.nova-lite-v1:0", true),
                // the ID Bedrock receives matches (an alias, say)
                Arguments.of(List.of("eu.*"), "fast", "eu.amazon.nova-lite-v1:0", true),
                Arguments.of(List.of("eu.*"), "fast", "us.amazon.nova-lite-v1:0", false),
                // a glob matches the whole name, not a part of it
                Arguments.of(List.of("nova-lite"), "amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", false),
                Arguments.of(List.of("amazon.*"), "us.amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", false),
                // ? is exactly one character
                Arguments.of(List.of("amazon.nova-?ite-v1:0"), "amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", true),
                Arguments.of(List.of("amazon.nova-?ite-v1:0"), "amazon.nova-ite-v1:0", "amazon.nova-ite-v1:0", false),
                // regex characters are literal
                Arguments.of(List.of("amazon.nova-lite-v1:0"), "amazonXnova-lite-v1:0", "amazonXnova-lite-v1:0", false),
                Arguments.of(List.of("a+b"), "aab", "aab", false),
                Arguments.of(List.of("a+b"), "a+b", "a+b", true),
                Arguments.of(List.of("[ab]"), "a", "a", false),
                // matching is case-sensitive, as Bedrock model IDs are
                Arguments.of(List.of("*Nova-Lite*"), "amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", false),
                // any glob of several
                Arguments.of(
                        List.of("*claude*", "*nova-lite*"), "amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0", true),
                Arguments.of(
                        List.of("*claude*", "*nova-lite*"),
                        "meta.llama3-1-8b-instruct-v1:0",
                        "us.meta.llama3-1-8b-instruct-v1:0",
                        false),
                Arguments.of(
                        List.of("arn:aws:bedrock:*:123456789012:*"),
                        "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc",
                        "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc",
                        true),
                Arguments.of(
                        List.of("arn:aws:bedrock:*:123456789012:*"),
                        "arn:aws:bedrock:eu-west-1:999999999999:application-inference-profile/abc",
                        "arn:aws:bedrock:eu-west-1:999999999999:application-inference-profile/abc",
                        false));
    }

    @ParameterizedTest(name = "{0} allows {1} -> {2}: {3}")
    @MethodSource("modelGlobs")
    void allowsModelWhenGlobsAreConfiguredThenTheNameSentOrTheBedrockIdMustMatchOneWhole(
            List<String> globs, String requested, String bedrockModelId, boolean allowed) {
        TenantRegistry registry = registry(
                Map.of("alpha", new TenantSettings(List.of(KEY_A), NO_AWS, null, List.of(), globs, NO_LIMITS, null)));

        assertThat(registry.authenticate(KEY_A).orElseThrow().allowsModel(requested, bedrockModelId))
                .isEqualTo(allowed);
    }

    private static TenantRegistry registry(Map<String, TenantSettings> tenants) {
        return new TenantRegistry(new TenancyProperties(new Auth(true), tenants));
    }

    private static TenantSettings keys(String... keys) {
        return new TenantSettings(List.of(keys), NO_AWS, null, List.of(), List.of(), NO_LIMITS, null);
    }

    private static TenantSettings settings(Aws aws) {
        return new TenantSettings(List.of(KEY_A), aws, null, List.of(), List.of(), NO_LIMITS, null);
    }

    private static Aws targets(Aws single, TenancyProperties.Target... targets) {
        return new Aws(
                single.profile(),
                single.roleArn(),
                single.externalId(),
                single.sessionName(),
                single.sourceProfile(),
                single.region(),
                List.of(targets));
    }

    private static TenancyProperties.Target target(String name, String region, int weight) {
        return new TenancyProperties.Target(name, null, null, null, null, null, region, weight);
    }

    private static Aws aws(String profile, String roleArn, String region) {
        return new Aws(profile, roleArn, null, null, null, region);
    }

    private static void assertNoKeyIn(String message, TenantSettings settings) {
        for (String key : settings.apiKeys()) {
            String secret = key.startsWith(ApiKeys.SHA256_PREFIX) ? key.substring(ApiKeys.SHA256_PREFIX.length()) : key;
            if (!secret.isBlank()) {
                assertThat(message).doesNotContain(secret);
            }
        }
        assertThat(message).doesNotContain(KEY_A).doesNotContain(KEY_B);
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
