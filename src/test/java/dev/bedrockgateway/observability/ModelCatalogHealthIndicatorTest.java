package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.routing.CatalogModel;
import dev.bedrockgateway.routing.CatalogRefresher;
import dev.bedrockgateway.routing.ModelCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Each state readiness can report for the model catalog. The catalog and refresher are mocked: the built-in
 * catalog file is never empty and discovery's first refresh cannot be held back in a real context.
 */
class ModelCatalogHealthIndicatorTest {

    private static final CatalogModel NOVA = new CatalogModel("amazon.nova-lite-v1:0", "amazon", List.of("us"));

    private final ModelCatalog catalog = mock(ModelCatalog.class);
    private final CatalogRefresher refresher = mock(CatalogRefresher.class);

    @Test
    void healthWhenTheCatalogIsEmptyThenDown() {
        when(catalog.models()).thenReturn(List.of());
        when(refresher.lastSuccess()).thenReturn(Instant.parse("2026-01-01T00:00:00Z"));

        Health health = new ModelCatalogHealthIndicator(catalog, discovery(refresher)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("models", 0);
    }

    @Test
    void healthWhenDiscoveryIsOnButNeverSucceededThenOutOfService() {
        when(catalog.models()).thenReturn(List.of(NOVA));
        when(refresher.lastSuccess()).thenReturn(null);

        Health health = new ModelCatalogHealthIndicator(catalog, discovery(refresher)).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("models", 1).containsEntry("discovery", "never succeeded");
    }

    @Test
    void healthWhenDiscoveryHasSucceededThenUpWithTheTimeOfTheLastRefresh() {
        when(catalog.models()).thenReturn(List.of(NOVA));
        when(refresher.lastSuccess()).thenReturn(Instant.parse("2026-01-01T00:00:00Z"));

        Health health = new ModelCatalogHealthIndicator(catalog, discovery(refresher)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("discovery", "refreshed 2026-01-01T00:00:00Z");
    }

    @Test
    void healthWhenDiscoveryIsOffThenUpOnTheBuiltInModels() {
        when(catalog.models()).thenReturn(List.of(NOVA));

        Health health = new ModelCatalogHealthIndicator(
                        catalog, new StaticListableBeanFactory().getBeanProvider(CatalogRefresher.class))
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("models", 1).containsEntry("discovery", "off");
    }

    private static ObjectProvider<CatalogRefresher> discovery(CatalogRefresher refresher) {
        return new StaticListableBeanFactory(Map.of("catalogRefresher", refresher))
                .getBeanProvider(CatalogRefresher.class);
    }
}
