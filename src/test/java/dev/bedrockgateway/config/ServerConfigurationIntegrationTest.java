package dev.bedrockgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayIntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** The Jetty settings application.yml and {@link ServerConfiguration} promise, on the running server. */
@GatewayIntegrationTest
class ServerConfigurationIntegrationTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Value("${server.jetty.connection-idle-timeout}")
    Duration idleTimeout;

    @Value("${gateway.bedrock.read-timeout}")
    Duration bedrockReadTimeout;

    @Test
    void apiConnectorWhenRunningThenAcceptsWithTheLargeBacklogAndTheIdleTimeout() {
        JettyWebServer server = (JettyWebServer) context.getWebServer();

        ServerConnector connector = Arrays.stream(server.getServer().getConnectors())
                .map(ServerConnector.class::cast)
                .findFirst()
                .orElseThrow();

        assertThat(connector.getAcceptQueueSize()).isEqualTo(ServerConfiguration.ACCEPT_QUEUE_SIZE);
        assertThat(connector.getIdleTimeout()).isEqualTo(idleTimeout.toMillis());
    }

    @Test
    void apiConnectorKeepsNoHeaderCachePerConnection() {
        JettyWebServer server = (JettyWebServer) context.getWebServer();

        assertThat(server.getServer().getConnectors()[0].getConnectionFactories())
                .filteredOn(HttpConfiguration.ConnectionFactory.class::isInstance)
                .isNotEmpty()
                .allSatisfy(factory -> assertThat(((HttpConfiguration.ConnectionFactory) factory)
                                .getHttpConfiguration()
                                .getHeaderCacheSize())
                        .isZero());
    }

    @Test
    void idleTimeoutWhenConfiguredThenOutlastsTheLongestSilenceBedrockIsAllowed() {
        assertThat(idleTimeout).isGreaterThan(bedrockReadTimeout).isGreaterThan(Duration.ofSeconds(60));
    }
}
