package dev.bedrockgateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bedrockgateway.api.ApiProperties;
import dev.bedrockgateway.bedrock.BedrockProperties;
import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.routing.BreakerProperties;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.routing.RoutingProperties;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * The shipped examples work as written: {@code config/application-example.yml} binds into the gateway's real
 * properties records with no unknown key and passes the checks startup runs (property validation, the
 * {@link TenantRegistry}, every tenant's {@link CredentialsProviderFactory#create}, offline), and
 * {@code config/aws-config.example} holds every AWS config profile the YAML names, with a complete SSO setup.
 */
class ExampleConfigurationTest {

    private static final Path APPLICATION_EXAMPLE = Path.of("config/application-example.yml");
    private static final Path AWS_CONFIG_EXAMPLE = Path.of("config/aws-config.example");
    private static final String CONFIG_FILE_PROPERTY = "aws.configFile";

    // What a Kubernetes Secret would inject for the example's ${...} placeholders.
    private static final Map<String, Object> INJECTED_KEYS = Map.of(
            "ANALYTICS_API_KEY", "analytics-key-from-secret",
            "CHATBOT_API_KEY", "chatbot-key-from-secret");

    private static ValidatorFactory validation;
    private static StandardEnvironment environment;
    private static List<IterableConfigurationPropertySource> example;

    @BeforeAll
    static void loadTheExample() {
        validation = Validation.buildDefaultValidatorFactory();
        environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("injected", INJECTED_KEYS));
        try {
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                    .load("application-example", new FileSystemResource(APPLICATION_EXAMPLE));
            yaml.forEach(environment.getPropertySources()::addLast);
            example = StreamSupport.stream(
                            ConfigurationPropertySources.from(yaml).spliterator(), false)
                    .map(IterableConfigurationPropertySource.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The factory reads AWS config profiles from the default location; the example file stands in for it.
        System.setProperty(
                CONFIG_FILE_PROPERTY, AWS_CONFIG_EXAMPLE.toAbsolutePath().toString());
    }

    @AfterAll
    static void restoreTheTestsAwsConfig() {
        System.clearProperty(CONFIG_FILE_PROPERTY);
        validation.close();
    }

    @Test
    void exampleYamlWhenReadThenEveryGatewaySectionIsOneTheGatewayBinds() {
        Set<String> sections = new TreeSet<>();
        example.forEach(source -> source.stream().forEach(name -> {
            String root = name.getElement(0, ConfigurationPropertyName.Form.UNIFORM);
            if (root.equals("spring")) {
                // Spring Boot's own Redis client settings, for the shared limits store.
                assertThat(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM) + "."
                                + name.getElement(2, ConfigurationPropertyName.Form.UNIFORM))
                        .as("%s", name)
                        .isEqualTo("data.redis");
                return;
            }
            assertThat(root).as("%s", name).isEqualTo("gateway");
            sections.add(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM));
        }));

        assertThat(sections).containsExactlyInAnyOrder("auth", "tenants", "bedrock", "api", "limits", "routing");
    }

    @Test
    void exampleYamlWhenBoundStrictlyThenEverySectionBindsWithNoUnknownKeyAndValidValues() {
        BedrockProperties bedrock = bind("gateway.bedrock", BedrockProperties.class, name -> true);
        ApiProperties api = bind("gateway.api", ApiProperties.class, name -> true);
        ConfigurationPropertyName retrySection = ConfigurationPropertyName.of("gateway.routing.retry");
        ConfigurationPropertyName breakerSection = ConfigurationPropertyName.of("gateway.routing.breaker");
        ConfigurationPropertyName fallbackChains = ConfigurationPropertyName.of("gateway.routing.fallbacks");
        // Fallback chains are read with their keys as written, not bound (see FallbackChainsTest).
        RoutingProperties routing = bind(
                "gateway.routing",
                RoutingProperties.class,
                name -> !retrySection.isAncestorOf(name)
                        && !breakerSection.isAncestorOf(name)
                        && !fallbackChains.isAncestorOf(name));
        RetryProperties retry = bind("gateway.routing.retry", RetryProperties.class, retrySection::isAncestorOf);
        BreakerProperties breaker =
                bind("gateway.routing.breaker", BreakerProperties.class, breakerSection::isAncestorOf);

        assertThat(bedrock.region()).isEqualTo("us-east-1");
        assertThat(bedrock.endpoint()).as("commented out in the example").isNull();
        assertThat(bedrock.apiCallTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(bedrock.maxAttempts())
                .as("the gateway's own retries replace the SDK's")
                .isEqualTo(1);
        assertThat(retry.reasons())
                .containsExactlyInAnyOrder(
                        RetryReason.THROTTLED,
                        RetryReason.UNAVAILABLE,
                        RetryReason.TIMEOUT,
                        RetryReason.MODEL_NOT_READY);
        assertThat(retry.maxAttempts()).isEqualTo(3);
        assertThat(retry.backoff().jitter()).isEqualTo(RetryProperties.Jitter.FULL);
        assertThat(breaker.openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.maxBodySize()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(routing.defaultGeography()).isEqualTo("us");
        assertThat(routing.geographyByRegion()).containsEntry("ap-northeast-1", "jp");
        assertThat(routing.aliases())
                .containsEntry("claude-haiku", "anthropic.claude-haiku-4-5-20251001-v1:0")
                .containsEntry("gpt-4o", "anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(routing.discovery().enabled()).isTrue();
        assertThat(routing.discovery().refreshInterval()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void exampleTenantsWhenBoundThenTheRegistryAcceptsThemAndEachKeyFindsItsTenant() {
        TenantRegistry registry = new TenantRegistry(tenancy());

        assertThat(registry.authEnabled()).isTrue();
        assertThat(registry.all())
                .extracting(Tenant::id)
                .containsExactlyInAnyOrder("research", "analytics", "chatbot", "batch");
        // The example's digest is that of 'test', as its comment says.
        assertThat(registry.authenticate("test")).map(Tenant::id).contains("research");
        assertThat(registry.authenticate("analytics-key-from-secret"))
                .map(Tenant::id)
                .contains("analytics");
        assertThat(registry.authenticate("chatbot-key-from-secret"))
                .map(Tenant::id)
                .contains("chatbot");
        Tenant analytics = registry.authenticate("analytics-key-from-secret").orElseThrow();
        assertThat(analytics.allowedGeographies()).containsExactly("eu");
        assertThat(analytics.aws().roleArn()).isEqualTo("arn:aws:iam::210987654321:role/BedrockInvoke");
        assertThat(analytics.aws().externalId()).isEqualTo("analytics-gateway");
        assertThat(analytics.aws().region()).isEqualTo("eu-central-1");
        Tenant batch = registry.authenticate("batch-example").orElseThrow();
        assertThat(batch.targets())
                .extracting(target -> target.identity().region(), AwsTarget::weight)
                .containsExactly(tuple("us-east-1", 2), tuple("us-west-2", 1));
        assertThat(batch.targets())
                .extracting(target -> target.identity().roleArn())
                .containsExactly(
                        "arn:aws:iam::111111111111:role/BedrockInvoke", "arn:aws:iam::222222222222:role/BedrockInvoke");
    }

    @Test
    void exampleTenantsWhenTheirCredentialsAreCreatedThenEachSourceResolvesAgainstTheExampleAwsConfig() {
        CredentialsProviderFactory factory = new CredentialsProviderFactory();
        Map<String, Tenant> tenants = new HashMap<>();
        new TenantRegistry(tenancy()).all().forEach(tenant -> tenants.put(tenant.id(), tenant));

        // Creating builds providers without calling AWS, as at startup; nothing here resolves credentials.
        try (TenantCredentials research =
                        factory.create(tenants.get("research").targets().get(0), Region.US_EAST_1);
                TenantCredentials analytics =
                        factory.create(tenants.get("analytics").targets().get(0), Region.EU_CENTRAL_1);
                TenantCredentials chatbot =
                        factory.create(tenants.get("chatbot").targets().get(0), Region.US_EAST_1)) {

            assertThat(research.source()).isEqualTo("AWS config profile 'rmit-sso'");
            assertThat(research.fixHint()).contains("aws sso login --profile rmit-sso");
            assertThat(analytics.source()).isEqualTo("role arn:aws:iam::210987654321:role/BedrockInvoke");
            assertThat(chatbot.source()).isEqualTo("the default AWS credentials chain");
        }
    }

    @Test
    void exampleAwsConfigWhenParsedThenEveryProfileTheYamlNamesExists() {
        ProfileFile config = awsConfigExample();
        List<String> named = tenancy().tenants().values().stream()
                .flatMap(tenant -> Stream.concat(
                                Stream.of(tenant.aws()),
                                tenant.aws().targets().stream()
                                        .map(target -> new TenancyProperties.Aws(
                                                target.profile(), null, null, null, target.sourceProfile(), null)))
                        .flatMap(aws -> Stream.of(aws.profile(), aws.sourceProfile())))
                .filter(Objects::nonNull)
                .toList();

        assertThat(named).containsExactly("rmit-sso");
        // The default chain's tenant and the commented-out source-profile example use [default].
        assertThat(config.profiles()).containsKeys(named.toArray(String[]::new)).containsKey("default");
    }

    @Test
    void exampleAwsConfigWhenParsedThenTheSsoProfilesSessionExistsAndIsComplete() {
        ProfileFile config = awsConfigExample();
        Profile sso = config.profile("rmit-sso").orElseThrow();

        String session = sso.property("sso_session").orElseThrow();
        assertThat(sso.property("sso_account_id")).isPresent();
        assertThat(sso.property("sso_role_name")).isPresent();
        Profile section = config.getSection("sso-session", session)
                .orElseThrow(() -> new AssertionError("no [sso-session " + session + "] in " + AWS_CONFIG_EXAMPLE));
        assertThat(section.property("sso_start_url"))
                .hasValueSatisfying(url -> assertThat(url).startsWith("https://"));
        assertThat(section.property("sso_region")).isPresent();
    }

    @Test
    void exampleAwsConfigWhenAProfileNamesASourceProfileThenThatProfileExists() {
        ProfileFile config = awsConfigExample();
        Map<String, Profile> profiles = config.profiles();

        List<String> sources = profiles.values().stream()
                .map(profile -> profile.property("source_profile").orElse(null))
                .filter(Objects::nonNull)
                .toList();

        assertThat(sources).isNotEmpty();
        assertThat(profiles).containsKeys(sources.toArray(String[]::new));
    }

    /**
     * The tenant part of the example ({@code gateway.auth}, {@code gateway.tenants}), bound strictly; per-model
     * limits are read with their keys as written, not bound (see {@code ExampleLimitsConfigurationTest}).
     */
    private static TenancyProperties tenancy() {
        ConfigurationPropertyName auth = ConfigurationPropertyName.of("gateway.auth");
        ConfigurationPropertyName tenants = ConfigurationPropertyName.of("gateway.tenants");
        return bind(
                "gateway",
                TenancyProperties.class,
                name -> auth.isAncestorOf(name) || tenants.isAncestorOf(name) && !isModelLimit(name));
    }

    private static boolean isModelLimit(ConfigurationPropertyName name) {
        return name.getNumberOfElements() > 4
                && name.getElement(3, ConfigurationPropertyName.Form.UNIFORM).equals("limits")
                && name.getElement(4, ConfigurationPropertyName.Form.UNIFORM).equals("models");
    }

    /**
     * Binds as startup does (placeholders resolved, bean validation), but also fails on any key under the
     * prefix that the record does not bind, so a typo in the example cannot go unnoticed.
     *
     * @param only which of the example's keys belong to this record (the tenancy record's prefix holds all)
     */
    private static <T> T bind(String prefix, Class<T> type, Predicate<ConfigurationPropertyName> only) {
        List<ConfigurationPropertySource> sources = example.stream()
                .<ConfigurationPropertySource>map(source -> source.filter(only::test))
                .toList();
        Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(environment));
        return binder.bindOrCreate(
                prefix,
                Bindable.of(type),
                new ValidationBindHandler(
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT),
                        new SpringValidatorAdapter(validation.getValidator())));
    }

    private static ProfileFile awsConfigExample() {
        return ProfileFile.builder()
                .content(AWS_CONFIG_EXAMPLE)
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
    }
}
