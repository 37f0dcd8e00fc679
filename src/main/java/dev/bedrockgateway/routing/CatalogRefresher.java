package dev.bedrockgateway.routing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refreshes the model catalog from Bedrock at startup and then every
 * {@code gateway.routing.discovery.refresh-interval}, off the request path. A failed refresh logs a
 * warning and keeps the last good catalog.
 */
@Component
@ConditionalOnBooleanProperty("gateway.routing.discovery.enabled")
public class CatalogRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefresher.class);

    private final ModelCatalog catalog;
    private final CatalogSource source;
    private final RoutingProperties properties;
    private @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable Instant lastSuccess;

    CatalogRefresher(ModelCatalog catalog, CatalogSource source, RoutingProperties properties) {
        this.catalog = catalog;
        this.source = source;
        this.properties = properties;
    }

    /** Asks Bedrock now; true if the catalog was refreshed. */
    public boolean refreshNow() {
        try {
            List<String> profiles = source.systemInferenceProfileIds();
            List<CapabilityOverride> models = source.foundationModels();
            catalog.applyDiscovered(profiles, models);
            lastSuccess = Instant.now();
            log.info(
                    "Model catalog refreshed from ListInferenceProfiles and ListFoundationModels: {} system-defined"
                            + " inference profiles, {} foundation models",
                    profiles.size(),
                    models.size());
            return true;
        } catch (RuntimeException e) {
            log.warn("Model catalog refresh failed, keeping the last good catalog: {}", e.toString());
            return false;
        }
    }

    /** When discovery last succeeded, or null if it never has. */
    public @Nullable Instant lastSuccess() {
        return lastSuccess;
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "catalog-refresher");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.discovery().refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshNow, 0, interval, TimeUnit.MILLISECONDS);
        this.scheduler = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
