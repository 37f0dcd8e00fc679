package dev.bedrockgateway.observability;

import dev.bedrockgateway.tenant.TenantRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of tenancy: with authentication on, a gateway without a single tenant would refuse every call,
 * so it should not get traffic. Shows counts only, never tenant names or keys.
 */
@Component
class TenantsHealthIndicator implements HealthIndicator {

    private final TenantRegistry registry;

    TenantsHealthIndicator(TenantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        if (!registry.authEnabled()) {
            return Health.up().withDetail("auth", "off").build();
        }
        int tenants = registry.all().size();
        return (tenants > 0 ? Health.up() : Health.down())
                .withDetail("tenants", tenants)
                .build();
    }
}
