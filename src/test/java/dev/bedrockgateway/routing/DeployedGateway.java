package dev.bedrockgateway.routing;

import dev.bedrockgateway.support.GatewayIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link GatewayIntegrationTest} run as the Helm chart deploys the gateway, with catalog discovery on: management
 * endpoints on a port of their own (where Kubernetes probes readiness and Prometheus scrapes), none of them on the
 * API port, and health showing its components and details. One Spring context for every class that needs
 * discovery or the management port.
 *
 * <p>The catalog refresher runs at startup, and again whenever the test framework resumes the paused context for
 * another class, in the background: a class that counts Bedrock's requests, or needs readiness up, first waits
 * with {@link CatalogRefreshes#awaitIdle()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.routing.discovery.enabled=true",
            "management.server.port=0",
            "gateway.management.open-on-api-port=false",
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=always"
        })
public @interface DeployedGateway {}
