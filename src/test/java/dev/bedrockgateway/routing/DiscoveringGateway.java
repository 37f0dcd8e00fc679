package dev.bedrockgateway.routing;

import dev.bedrockgateway.support.GatewayIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link GatewayIntegrationTest} with catalog discovery on, health showing its components and details: one
 * Spring context for every class that needs discovery. Its refresher runs at startup, and again whenever the
 * test framework resumes the paused context for another class, so a class that counts Bedrock's requests
 * first waits with {@link CatalogRefreshes#awaitIdle()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.routing.discovery.enabled=true",
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=always"
        })
public @interface DiscoveringGateway {}
