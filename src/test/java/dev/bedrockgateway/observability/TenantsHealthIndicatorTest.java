package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Each state readiness can report for tenancy. The registry is mocked: a real one refuses to start with
 * authentication on and no tenant, so the DOWN state guards against a registry that one day allows it.
 */
class TenantsHealthIndicatorTest {

    private final TenantRegistry registry = mock(TenantRegistry.class);

    @Test
    void healthWhenAuthIsOnAndNoTenantIsConfiguredThenDown() {
        when(registry.authEnabled()).thenReturn(true);
        when(registry.all()).thenReturn(List.of());

        Health health = new TenantsHealthIndicator(registry).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("tenants", 0);
    }

    @Test
    void healthWhenAuthIsOnWithTenantsThenUpShowingTheCountButNoName() {
        when(registry.authEnabled()).thenReturn(true);
        when(registry.all()).thenReturn(List.of(tenant("research-secret-name"), tenant("analytics")));

        Health health = new TenantsHealthIndicator(registry).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("tenants").containsEntry("tenants", 2);
        assertThat(health.getDetails().toString()).doesNotContain("research-secret-name");
    }

    @Test
    void healthWhenAuthIsOffThenUpWithoutCountingTenants() {
        when(registry.authEnabled()).thenReturn(false);

        Health health = new TenantsHealthIndicator(registry).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("auth", "off");
    }

    private static Tenant tenant(String id) {
        return new Tenant(
                id,
                null,
                Set.of(),
                List.of(),
                List.of(),
                new TenancyProperties.Aws(null, null, null, null, null, null));
    }
}
