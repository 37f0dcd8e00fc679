package dev.bedrockgateway.observability;

import dev.bedrockgateway.routing.CatalogRefresher;
import dev.bedrockgateway.routing.ModelCatalog;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the model catalog: it must hold models, and where discovery is on, Bedrock must have answered
 * once, since routing decides on what the catalog says. Reads memory only: a probe never calls Bedrock.
 */
@Component
class ModelCatalogHealthIndicator implements HealthIndicator {

    private final ModelCatalog catalog;
    private final ObjectProvider<CatalogRefresher> refresher;

    ModelCatalogHealthIndicator(ModelCatalog catalog, ObjectProvider<CatalogRefresher> refresher) {
        this.catalog = catalog;
        this.refresher = refresher;
    }

    @Override
    public Health health() {
        int models = catalog.models().size();
        CatalogRefresher discovery = refresher.getIfAvailable();
        if (models == 0) {
            return Health.down().withDetail("models", 0).build();
        }
        if (discovery == null) {
            return Health.up()
                    .withDetail("models", models)
                    .withDetail("discovery", "off")
                    .build();
        }
        Instant lastSuccess = discovery.lastSuccess();
        return lastSuccess == null
                ? Health.outOfService()
                        .withDetail("models", models)
                        .withDetail("discovery", "never succeeded")
                        .build()
                : Health.up()
                        .withDetail("models", models)
                        .withDetail("discovery", "refreshed " + lastSuccess)
                        .build();
    }
}
