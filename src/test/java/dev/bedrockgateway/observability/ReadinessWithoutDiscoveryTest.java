package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.routing.CapabilityOverride;
import dev.bedrockgateway.routing.CatalogRefresher;
import dev.bedrockgateway.routing.CatalogSource;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.RoutingProperties;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness when catalog discovery is on but Bedrock never answered ListInferenceProfiles (as with missing
 * permissions): the readiness group of the application's own {@code application.yml} is out of service (HTTP 503)
 * on the model catalog's account, while liveness stays up, since a restart would not help; and probing never
 * retries discovery. Spring Boot's health endpoint and groups run with the gateway's indicators, catalog and
 * refresher in a context without a web server; {@code ReadinessIntegrationTest} probes the same endpoint over HTTP
 * once discovery has succeeded.
 */
class ReadinessWithoutDiscoveryTest {

    private static final int PROBES = 5;

    /** How often Bedrock was asked for its inference profiles. */
    private final AtomicInteger listCalls = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(
                    ApplicationAvailabilityAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class))
            .withUserConfiguration(CatalogAndTenants.class)
            .withPropertyValues("gateway.routing.discovery.enabled=true", "gateway.auth.enabled=false")
            .withBean(CatalogSource.class, () -> new CatalogSource() {
                @Override
                public List<String> systemInferenceProfileIds() {
                    listCalls.incrementAndGet();
                    throw new IllegalStateException("ListInferenceProfiles refused: not authorized");
                }

                @Override
                public List<CapabilityOverride> foundationModels() {
                    return List.of();
                }
            });

    @Test
    void readinessWhenDiscoveryNeverSucceededThenOutOfServiceWhileLivenessStaysUp() {
        runner.run(context -> {
            // What SpringApplication announces once started; without it readinessState alone would refuse traffic.
            AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            await("the refresher's first run, at startup")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> listCalls.get() == 1);
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);

            for (int i = 0; i < PROBES; i++) {
                HealthDescriptor readiness = health.healthForPath("readiness");

                assertThat(readiness.getStatus()).as("probe %d", i).isEqualTo(Status.OUT_OF_SERVICE);
                assertThat(groups.get("readiness").getHttpCodeStatusMapper().getStatusCode(readiness.getStatus()))
                        .isEqualTo(503);
                assertThat(((CompositeHealthDescriptor) readiness).getComponents())
                        .as("the readiness group of application.yml")
                        .containsOnlyKeys("readinessState", "modelCatalog", "tenants");
                assertThat(status(readiness, "readinessState")).isEqualTo(Status.UP);
                assertThat(status(readiness, "tenants")).isEqualTo(Status.UP);
                IndicatedHealthDescriptor catalog = (IndicatedHealthDescriptor)
                        ((CompositeHealthDescriptor) readiness).getComponents().get("modelCatalog");
                assertThat(catalog.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                assertThat(catalog.getDetails()).containsEntry("discovery", "never succeeded");
                assertThat((Integer) catalog.getDetails().get("models"))
                        .as("the built-in catalog")
                        .isPositive();
            }

            HealthDescriptor liveness = health.healthForPath("liveness");
            assertThat(liveness.getStatus()).as("a restart would not help").isEqualTo(Status.UP);
            assertThat(groups.get("liveness").getHttpCodeStatusMapper().getStatusCode(liveness.getStatus()))
                    .isEqualTo(200);
            assertThat(listCalls).as("a probe does not retry discovery").hasValue(1);
        });
    }

    private static Status status(HealthDescriptor group, String component) {
        return ((CompositeHealthDescriptor) group)
                .getComponents()
                .get(component)
                .getStatus();
    }

    /**
     * The gateway's catalog, its refresher and both readiness indicators, with the tenants they count. The
     * indicators are named as the application's component scan names them, which gives their names in health.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RoutingProperties.class, TenancyProperties.class})
    @Import({ModelCatalog.class, CatalogRefresher.class, TenantRegistry.class})
    static class CatalogAndTenants {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }

        @Bean
        ModelCatalogHealthIndicator modelCatalogHealthIndicator(
                ModelCatalog catalog, ObjectProvider<CatalogRefresher> refresher) {
            return new ModelCatalogHealthIndicator(catalog, refresher);
        }

        @Bean
        TenantsHealthIndicator tenantsHealthIndicator(TenantRegistry registry) {
            return new TenantsHealthIndicator(registry);
        }
    }
}
