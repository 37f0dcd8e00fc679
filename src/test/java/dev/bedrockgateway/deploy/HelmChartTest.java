package dev.bedrockgateway.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.bedrockgateway.limits.LimitsProperties;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.TenancyProperties.TenantSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Helm chart under {@code helm/bedrock-gateway}, linted and rendered by the Helm that helm-java embeds
 * (no helm binary needed): what the rendered objects contain, and what values.schema.json refuses.
 */
class HelmChartTest {

    private static final Helm CHART = new Helm(Path.of("helm/bedrock-gateway"));
    private static final Path VALUES = Path.of("src/test/resources/helm");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLAIN_KEY = "analytics-plain-key";
    private static final String ELASTICACHE = "master.my-cache.xxxxxx.use1.cache.amazonaws.com";

    @Test
    void lintReportsNeitherErrorsNorWarnings() {
        LintResult lint = CHART.lint().strict().call();

        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
        assertThat(lint.getMessages())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void probesCheckLivenessAndReadinessOnTheManagementPortTheGatewayIsToldToUse() {
        Rendered chart = render(template());
        JsonNode container = chart.container();

        assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asString())
                    .as(probe)
                    .isEqualTo("management");
        }
        assertThat(named(container.get("ports"), "management")
                        .get("containerPort")
                        .asInt())
                .isEqualTo(8081);
        assertThat(named(container.get("ports"), "http").get("containerPort").asInt())
                .isEqualTo(8080);
        assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
        JsonNode servicePorts = chart.single("Service").at("/spec/ports");
        assertThat(named(servicePorts, "management").get("targetPort").asString())
                .isEqualTo("management");
        assertThat(named(servicePorts, "http").get("targetPort").asString()).isEqualTo("http");
    }

    @Test
    void podRunsAsTheImagesNonRootUserOnAReadOnlyRootFilesystemWithAWritableTmp() {
        Rendered chart = render(template());
        JsonNode pod = chart.podSpec();
        JsonNode container = chart.container();

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        JsonNode security = container.get("securityContext");
        assertThat(security.get("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.get("runAsUser").asInt()).isEqualTo(10001);
        assertThat(security.get("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.get("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(strings(security.at("/capabilities/drop"))).containsExactly("ALL");
        assertThat(security.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(named(pod.get("volumes"), "tmp").has("emptyDir")).isTrue();
        assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isEqualTo(45);
        assertThat(strings(container.at("/lifecycle/preStop/exec/command"))).containsExactly("sleep", "5");
    }

    @Test
    void containerResourcesComeFromTheValuesWithNoCpuLimitByDefault() {
        JsonNode defaults = render(template()).container().get("resources");
        JsonNode overridden = render(
                        template().set("resources.limits.memory", "2Gi").set("resources.limits.cpu", "2"))
                .container()
                .get("resources");

        assertThat(defaults.at("/requests/cpu").asString()).isEqualTo("250m");
        assertThat(defaults.at("/requests/memory").asString()).isEqualTo("512Mi");
        assertThat(defaults.at("/limits/memory").asString()).isEqualTo("1Gi");
        assertThat(defaults.at("/limits/cpu").isMissingNode())
                .as("CPU throttling hurts a JVM's latency")
                .isTrue();
        assertThat(overridden.at("/limits/memory").asString()).isEqualTo("2Gi");
        assertThat(overridden.at("/limits/cpu").asString()).isEqualTo("2");
        assertThat(overridden.at("/requests/cpu").asString()).isEqualTo("250m");
    }

    @Test
    void applicationConfigTurnsOnStructuredJsonLogsOnTheConsole() {
        Rendered chart = render(template());

        Binder binder = new Binder(ConfigurationPropertySources.from(load("config", chart.applicationConfig())));

        assertThat(binder.bind("logging.structured.format.console", String.class)
                        .get())
                .isEqualTo("ecs");
    }

    @Test
    void serviceAccountCarriesTheIrsaRoleOnlyWhenOneIsSet() {
        Rendered plain = render(template());
        Rendered irsa = render(template().withValuesFile(VALUES.resolve("tenants-and-irsa.yaml")));

        assertThat(plain.single("ServiceAccount").at("/metadata/annotations").isMissingNode())
                .isTrue();
        JsonNode account = irsa.single("ServiceAccount");
        assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn")
                        .asString())
                .isEqualTo("arn:aws:iam::123456789012:role/bedrock-gateway");
        assertThat(irsa.podSpec().get("serviceAccountName").asString())
                .isEqualTo(account.at("/metadata/name").asString());
    }

    @Test
    void apiKeysLandInTheSecretAndTheOtherTenantSettingsInTheConfigMapBothMountedForSpring() {
        Rendered chart = render(template().withValuesFile(VALUES.resolve("tenants-and-irsa.yaml")));
        JsonNode container = chart.container();
        String secretName = chart.single("Secret").at("/metadata/name").asString();

        assertThat(chart.secretConfig()).contains(PLAIN_KEY);
        assertThat(chart.applicationConfig()).doesNotContain(PLAIN_KEY).doesNotContain("sha256:");
        assertThat(mountPath(container, "config")).isEqualTo("/config");
        assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .isEqualTo("optional:file:/config/,optional:file:/config/secrets/");
        JsonNode secretSource = projectedSource(chart.podSpec(), "secret", secretName);
        assertThat(secretSource.at("/items/0/path").asString()).isEqualTo("secrets/application.yml");
        assertThat(chart.podAnnotations().has("checksum/secret")).isTrue();
        assertThat(env(container, "AWS_CONFIG_FILE")).isEqualTo("/config/aws/config");
        assertThat(chart.single("ConfigMap").at("/data/aws-config").asString()).contains("[profile research-bedrock]");
    }

    @Test
    void renderedConfigMapAndSecretBindToTheTenantsTheValuesDeclare() {
        Rendered chart = render(template().withValuesFile(VALUES.resolve("tenants-and-irsa.yaml")));
        Binder binder = binder(chart.secretConfig(), chart.applicationConfig());

        Map<String, TenantSettings> tenants =
                binder.bind("gateway", TenancyProperties.class).get().tenants();

        TenantSettings research = tenants.get("research");
        assertThat(research.apiKeys())
                .containsExactly("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(research.aws().profile()).isEqualTo("research-bedrock");
        assertThat(research.aws().region()).isEqualTo("us-east-1");
        assertThat(research.geography()).isEqualTo("us");
        assertThat(research.allowedModels()).containsExactly("*claude*");
        assertThat(research.serviceTier()).isEqualTo("flex");
        TenantSettings analytics = tenants.get("analytics");
        assertThat(analytics.apiKeys()).containsExactly(PLAIN_KEY);
        assertThat(analytics.aws().roleArn()).isEqualTo("arn:aws:iam::210987654321:role/BedrockInvoke");
        assertThat(analytics.aws().externalId()).isEqualTo("analytics-gateway");
        assertThat(analytics.allowedGeographies()).containsExactly("eu");
        assertThat(binder.bind("gateway.bedrock.region", String.class).get()).isEqualTo("eu-central-1");
        assertThat(binder.bind("spring.lifecycle.timeout-per-shutdown-phase", String.class)
                        .get())
                .isEqualTo("30s");
    }

    @Test
    void aTenantsAwsTargetsPassThroughTheChartAndBindAsTargets() {
        Rendered chart = render(template().withValuesFile(VALUES.resolve("tenant-targets.yaml")));
        Binder binder = binder(chart.secretConfig(), chart.applicationConfig());

        TenantSettings batch =
                binder.bind("gateway", TenancyProperties.class).get().tenants().get("batch");

        assertThat(batch.aws().targets())
                .extracting(
                        TenancyProperties.Target::name,
                        TenancyProperties.Target::roleArn,
                        TenancyProperties.Target::profile,
                        TenancyProperties.Target::region,
                        TenancyProperties.Target::weight)
                .containsExactly(
                        tuple(null, "arn:aws:iam::111111111111:role/BedrockInvoke", null, "us-east-1", 2),
                        tuple("spare", null, "batch-dr", "us-west-2", 0));
    }

    @Test
    void changingAnApiKeyRollsThePodsThroughTheSecretChecksumAlone() {
        JsonNode before =
                render(template().set("tenants.demo.apiKeys[0]", "first-key")).podAnnotations();
        JsonNode after =
                render(template().set("tenants.demo.apiKeys[0]", "second-key")).podAnnotations();

        assertThat(after.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
        assertThat(after.get("checksum/config")).isEqualTo(before.get("checksum/config"));
    }

    @Test
    void existingSecretReplacesTheChartsSecretAndThePodMountsItInstead() {
        Rendered chart = render(template().withValuesFile(VALUES.resolve("existing-secret.yaml")));

        assertThat(chart.all("Secret")).isEmpty();
        JsonNode source = projectedSource(chart.podSpec(), "secret", "gateway-api-keys");
        assertThat(source.at("/items/0/key").asString()).isEqualTo("application.yml");
        assertThat(chart.podAnnotations().has("checksum/secret")).isFalse();
        assertThat(chart.applicationConfig()).contains("geography: us");
    }

    @Test
    void autoscalerDisruptionBudgetAndServiceMonitorAreRenderedOnlyWhenEnabled() {
        Rendered plain = render(template());
        Rendered enabled = render(template().withValuesFile(VALUES.resolve("optional-objects.yaml")));

        for (String kind : List.of("HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor")) {
            assertThat(plain.all(kind)).as(kind).isEmpty();
        }
        assertThat(plain.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(enabled.single("Deployment").at("/spec/replicas").isMissingNode())
                .isTrue();
        JsonNode hpa = enabled.single("HorizontalPodAutoscaler");
        assertThat(hpa.get("apiVersion").asString()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/metrics/0/resource/name").asString()).isEqualTo("cpu");
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
                .isEqualTo(65);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(12);
        JsonNode podLabels = enabled.single("Deployment").at("/spec/template/metadata/labels");
        JsonNode pdb = enabled.single("PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(labelsMatch(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue();
        JsonNode monitor = enabled.single("ServiceMonitor");
        assertThat(monitor.get("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.at("/metadata/labels/release").asString()).isEqualTo("prometheus");
        assertThat(monitor.at("/spec/endpoints/0/port").asString()).isEqualTo("management");
        assertThat(monitor.at("/spec/endpoints/0/path").asString()).isEqualTo("/actuator/prometheus");
        assertThat(labelsMatch(
                        monitor.at("/spec/selector/matchLabels"),
                        enabled.single("Service").at("/metadata/labels")))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            replicaCount                         | two          | at '/replicaCount': got string, want integer
            service.type                         | Internal     | at '/service/type': value must be one of
            tenants.research.geography           | mars         | at '/tenants/research/geography'
            tenants.research.serviceTier         | gold         | at '/tenants/research/serviceTier'
            tenants.research.aws.roleArm         | arn:aws:x    | additional properties 'roleArm' not allowed
            tenants.research.apiKeys[0]          | sha256:abc12 | at '/tenants/research/apiKeys/0'
            autoscaling.enabled                  | maybe        | at '/autoscaling/enabled'
            limits.store                         | disk         | at '/limits/store': value must be one of 'memory', 'redis'
            limits.onStoreFailure                | retry        | at '/limits/onStoreFailure': value must be one of 'allow', 'deny'
            limits.maxInFlight                   | 0            | at '/limits/maxInFlight'
            limits.maxInFlight                   | lots         | at '/limits/maxInFlight'
            redis.url                            | http://cache | at '/redis/url'
            redis.password                       | hunter2      | additional properties 'password' not allowed
            """)
    void schemaRejectsABadValueNamingTheField(String key, String value, String message) {
        assertThatIllegalStateException()
                .isThrownBy(() -> template().set(key, value).call())
                .withMessageContaining("don't meet the specifications of the schema")
                .withMessageContaining(message);
    }

    @Test
    void templateRefusesAGracePeriodThatWouldCutInFlightStreamsShort() {
        assertThatIllegalStateException()
                .isThrownBy(() -> template()
                        .set("shutdown.terminationGracePeriodSeconds", 30)
                        .call())
                .withMessageContaining("shutdown.terminationGracePeriodSeconds (30) must exceed "
                        + "shutdown.preStopSleepSeconds + shutdown.timeoutSeconds (35)");
    }

    @Test
    void templateRefusesApiKeysInValuesWhenAnExistingSecretHoldsThem() {
        assertThatIllegalStateException()
                .isThrownBy(() -> template()
                        .withValuesFile(VALUES.resolve("existing-secret.yaml"))
                        .set("tenants.demo.apiKeys[0]", "in-values")
                        .call())
                .withMessageContaining("tenants.demo.apiKeys must be empty when existingSecret is set");
    }

    @Test
    void limitsAreCountedInMemoryByDefaultWithNoRedisSettingsAtAll() {
        JsonNode container = render(template()).container();

        assertThat(env(container, "GATEWAY_LIMITS_STORE")).isEqualTo("memory");
        assertThat(env(container, "GATEWAY_LIMITS_ONSTOREFAILURE")).isEqualTo("allow");
        assertThat(env(container, "GATEWAY_LIMITS_MAXINFLIGHT")).isEqualTo("auto");
        assertThat(environmentBinder(container)
                        .bind("gateway.limits", LimitsProperties.class)
                        .get()
                        .store())
                .isEqualTo(LimitsProperties.Store.MEMORY);
        assertThat(envNames(container)).noneMatch(name -> name.startsWith("SPRING_DATA_REDIS_"));
    }

    @Test
    void redisStoreBindsToTheGatewaysLimitsAndSpringBootsRedisWithThePasswordOnlyFromTheSecret() {
        JsonNode container = render(template()
                        .set("limits.store", "redis")
                        .set("limits.onStoreFailure", "deny")
                        .set("limits.maxInFlight", 1500)
                        .set("redis.url", "rediss://" + ELASTICACHE + ":6380/2")
                        .set("redis.username", "gateway")
                        .set("redis.existingSecret", "gateway-redis"))
                .container();
        Binder binder = environmentBinder(container);

        LimitsProperties limits =
                binder.bind("gateway.limits", LimitsProperties.class).get();
        assertThat(limits.store()).isEqualTo(LimitsProperties.Store.REDIS);
        assertThat(limits.onStoreFailure()).isEqualTo(LimitsProperties.StoreFailure.DENY);
        assertThat(limits.maxInFlight()).isEqualTo("1500");
        DataRedisProperties redis =
                binder.bind("spring.data.redis", DataRedisProperties.class).get();
        assertThat(redis.getHost()).isEqualTo(ELASTICACHE);
        assertThat(redis.getPort()).isEqualTo(6380);
        assertThat(redis.getDatabase()).isEqualTo(2);
        assertThat(redis.getSsl().isEnabled()).isTrue();
        assertThat(redis.getUsername()).isEqualTo("gateway");
        assertThat(redis.getUrl())
                .as("once spring.data.redis.url is set, Spring Boot ignores spring.data.redis.username and .password")
                .isNull();
        JsonNode password = named(container.get("env"), "SPRING_DATA_REDIS_PASSWORD");
        assertThat(password.has("value")).isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo("gateway-redis");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asString()).isEqualTo("redis-password");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis://redis                                                 | redis                                           | 6379 | false |
            rediss://master.my-cache.xxxxxx.use1.cache.amazonaws.com:6379 | master.my-cache.xxxxxx.use1.cache.amazonaws.com | 6379 | true  |
            rediss://10.0.0.7:6380/3                                      | 10.0.0.7                                        | 6380 | true  | 3
            """)
    void redisUrlBecomesHostPortTlsAndDatabaseWithNoCredentialsUnlessSet(
            String url, String host, String port, String ssl, String database) {
        JsonNode container = render(template().set("limits.store", "redis").set("redis.url", url))
                .container();

        assertThat(env(container, "SPRING_DATA_REDIS_HOST")).isEqualTo(host);
        assertThat(env(container, "SPRING_DATA_REDIS_PORT")).isEqualTo(port);
        assertThat(env(container, "SPRING_DATA_REDIS_SSL_ENABLED")).isEqualTo(ssl);
        if (database == null) {
            assertThat(envNames(container)).doesNotContain("SPRING_DATA_REDIS_DATABASE");
        } else {
            assertThat(env(container, "SPRING_DATA_REDIS_DATABASE")).isEqualTo(database);
        }
        assertThat(envNames(container))
                .doesNotContain("SPRING_DATA_REDIS_URL", "SPRING_DATA_REDIS_USERNAME", "SPRING_DATA_REDIS_PASSWORD");
    }

    @Test
    void neitherTheChartsConfigMapNorItsSecretSaysAnythingAboutRedis() {
        Rendered chart = render(template()
                .withValuesFile(VALUES.resolve("tenants-and-irsa.yaml"))
                .set("limits.store", "redis")
                .set("redis.url", "rediss://" + ELASTICACHE + ":6379")
                .set("redis.username", "gateway")
                .set("redis.existingSecret", "gateway-redis"));

        List<JsonNode> stored = new ArrayList<>(chart.all("ConfigMap"));
        stored.addAll(chart.all("Secret"));
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(object -> assertThat(object.toString())
                        .doesNotContainIgnoringCase("redis")
                        .doesNotContain("gateway-redis"));
        assertThat(envNames(chart.container())).contains("SPRING_DATA_REDIS_PASSWORD");
    }

    @Test
    void templateRefusesTheRedisStoreWithoutARedisUrl() {
        assertThatIllegalStateException()
                .isThrownBy(() -> template().set("limits.store", "redis").call())
                .withMessageContaining("limits.store is redis but redis.url is empty: set redis.url, "
                        + "e.g. rediss://master.my-cache.xxxxxx.use1.cache.amazonaws.com:6379");
    }

    @Test
    void templateRefusesARedisUrlHoldingAPasswordWithoutRepeatingThePassword() {
        assertThatIllegalStateException()
                .isThrownBy(() -> template()
                        .set("limits.store", "redis")
                        .set("redis.url", "rediss://default:hunter2-token@" + ELASTICACHE + ":6379")
                        .call())
                .withMessageContaining("redis.url must not hold credentials")
                .withMessageContaining("redis.existingSecret")
                .withMessageNotContaining("hunter2-token");
    }

    @Test
    void maxInFlightFromAValuesFileStaysAWholeNumberRatherThanHelmsExponentNotation(@TempDir Path dir)
            throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "limits:\n  maxInFlight: 1000000\n");

        JsonNode container = render(template().withValuesFile(values)).container();

        assertThat(env(container, "GATEWAY_LIMITS_MAXINFLIGHT")).isEqualTo("1000000");
    }

    @Test
    void installNotesWarnThatMemoryLimitsArePerPodOnlyWhenMoreThanOnePodMayServe() {
        assertThat(notes(install())).contains("WARNING: limits.store is memory with 2 pods: limits are per pod.");
        assertThat(notes(install().set("autoscaling.enabled", true)))
                .contains("WARNING: limits.store is memory with up to 10 pods (autoscaling): limits are per pod.");
        assertThat(notes(install().set("replicaCount", 1))).doesNotContain("limits are per pod");
        assertThat(notes(install()
                        .set("replicaCount", 3)
                        .set("limits.store", "redis")
                        .set("redis.url", "redis://redis:6379")))
                .doesNotContain("limits are per pod");
    }

    @Test
    void aTenantsLimitsUnderConfigBindNextToItsSettingsFromTenants() {
        Rendered chart = render(template()
                .withValuesFile(VALUES.resolve("tenants-and-irsa.yaml"))
                .set("config.gateway.tenants.research.limits.requests-per-minute", 600)
                .set("config.gateway.tenants.research.limits.budget.usd-per-day", 50));

        TenantSettings research = binder(chart.secretConfig(), chart.applicationConfig())
                .bind("gateway", TenancyProperties.class)
                .get()
                .tenants()
                .get("research");

        assertThat(research.limits().requestsPerMinute()).isEqualTo(600L);
        assertThat(research.limits().budget().usdPerDay()).isEqualByComparingTo("50");
        assertThat(research.geography()).isEqualTo("us");
        assertThat(research.allowedModels()).containsExactly("*claude*");
        assertThat(research.apiKeys()).hasSize(1);
    }

    private static TemplateCommand template() {
        return CHART.template().withName("gw").withNamespace("ai");
    }

    /** A client-only dry-run install: what {@code helm install} prints, NOTES.txt included. */
    private static InstallCommand install() {
        return CHART.install().withName("gw").withNamespace("ai").dryRun().clientOnly();
    }

    private static String notes(InstallCommand install) {
        return install.call().getOutput();
    }

    private static Rendered render(TemplateCommand template) {
        List<JsonNode> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(template.call())) {
            if (document != null) {
                objects.add(JSON.valueToTree(document));
            }
        }
        return new Rendered(objects);
    }

    /** A binder over the two configuration files in Spring's order: the later location (secrets) wins. */
    private static Binder binder(String secretsYaml, String applicationYaml) {
        MutablePropertySources sources = new MutablePropertySources();
        load("secrets", secretsYaml).forEach(sources::addLast);
        load("config", applicationYaml).forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static List<PropertySource<?>> load(String name, String yaml) {
        try {
            return new YamlPropertySourceLoader().load(name, new ByteArrayResource(yaml.getBytes(UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container's literal variables as the process environment Spring Boot binds them from. */
    private static Binder environmentBinder(JsonNode container) {
        Map<String, Object> variables = new LinkedHashMap<>();
        container
                .get("env")
                .valueStream()
                .filter(variable -> variable.has("value"))
                .forEach(variable -> variables.put(
                        variable.get("name").asString(), variable.get("value").asString()));
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
    }

    private static List<String> envNames(JsonNode container) {
        return container
                .get("env")
                .valueStream()
                .map(variable -> variable.get("name").asString())
                .toList();
    }

    private static String mountPath(JsonNode container, String volume) {
        return named(container.get("volumeMounts"), volume).get("mountPath").asString();
    }

    private static String env(JsonNode container, String name) {
        return named(container.get("env"), name).get("value").asString();
    }

    /** The {@code kind} (configMap or secret) source named {@code name} of the projected volume "config". */
    private static JsonNode projectedSource(JsonNode podSpec, String kind, String name) {
        return named(podSpec.get("volumes"), "config")
                .at("/projected/sources")
                .valueStream()
                .map(source -> source.get(kind))
                .filter(source ->
                        source != null && name.equals(source.get("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no projected " + kind + " named " + name));
    }

    private static JsonNode named(JsonNode list, String name) {
        return list.valueStream()
                .filter(item -> name.equals(item.get("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing named " + name + " in " + list));
    }

    private static List<String> strings(JsonNode list) {
        return list.valueStream().map(JsonNode::asString).toList();
    }

    private static boolean labelsMatch(JsonNode selector, JsonNode labels) {
        return !selector.isEmpty()
                && selector.propertyNames().stream()
                        .allMatch(label -> selector.get(label).equals(labels.get(label)));
    }

    /** The objects {@code helm template} printed. */
    private record Rendered(List<JsonNode> objects) {

        List<JsonNode> all(String kind) {
            return objects.stream()
                    .filter(object -> kind.equals(object.get("kind").asString()))
                    .toList();
        }

        JsonNode single(String kind) {
            List<JsonNode> found = all(kind);
            assertThat(found).as(kind).hasSize(1);
            return found.get(0);
        }

        JsonNode podSpec() {
            return single("Deployment").at("/spec/template/spec");
        }

        JsonNode podAnnotations() {
            return single("Deployment").at("/spec/template/metadata/annotations");
        }

        JsonNode container() {
            return podSpec().at("/containers/0");
        }

        String applicationConfig() {
            return single("ConfigMap").at("/data/application.yml").asString();
        }

        String secretConfig() {
            return single("Secret").at("/stringData/application.yml").asString();
        }
    }
}
