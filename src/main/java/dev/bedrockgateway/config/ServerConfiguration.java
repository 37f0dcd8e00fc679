package dev.bedrockgateway.config;

import dev.bedrockgateway.limits.SchedulingLag;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web server settings the gateway's wire formats and its load shedding depend on. The server is Jetty: unlike
 * Tomcat, it keeps a connection open after a 503, so a call the gateway sheds costs its caller no new connection
 * (docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * Connections waiting to be accepted. Jetty's default (0) leaves it to the JDK, which asks the kernel for 50. A
     * burst of new connections beyond the backlog is dropped by the kernel and the caller retries its SYN only after
     * a second: in the benchmark that single second set the p99 of whole phases (docs/performance.md). The kernel
     * caps it at {@code net.core.somaxconn} (4,096 on current Linux): a burst of thousands of new streams then waits
     * its turn instead of timing out its connect.
     */
    static final int ACCEPT_QUEUE_SIZE = 8192;

    /**
     * AWS SDKs send an ARN model ID as one path segment with its slash encoded as {@code %2F}. Jetty rejects such
     * an ambiguous path with 400 by default, and its servlet API refuses to decode one: allowing both lets Spring MVC
     * match the segment on the raw path and then decode it into the path variable.
     */
    @Bean
    JettyServerCustomizer encodedSlashInModelIds() {
        return server -> {
            forEachHttpConfiguration(
                    server,
                    configuration -> configuration.setUriCompliance(configuration
                            .getUriCompliance()
                            .with("ENCODED_SLASH", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)));
            ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
            if (context != null) {
                context.getServletHandler().setDecodeAmbiguousURIs(true);
            }
        };
    }

    /**
     * No per-connection header cache. Jetty gives each HTTP/1.1 connection a trie of the header fields it has seen, so
     * that a repeated header costs no new string: 96 KiB per connection at its default size, as much as everything
     * else a stream holds several times over. A gateway's connections are thousands of long streams, each sending a
     * handful of headers once (docs/performance.md, "Long streams").
     */
    @Bean
    JettyServerCustomizer noHeaderCache() {
        return server -> forEachHttpConfiguration(server, configuration -> configuration.setHeaderCacheSize(0));
    }

    /** The HTTP settings of every connector (HTTP/1.1 and h2c each hold one). */
    private static void forEachHttpConfiguration(Server server, Consumer<HttpConfiguration> change) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                    change.accept(http.getHttpConfiguration());
                }
            }
        }
    }

    /** The accept backlog of {@link #ACCEPT_QUEUE_SIZE}; Spring Boot has no property for it on Jetty. */
    @Bean
    JettyServerCustomizer acceptBacklog() {
        return server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                }
            }
        };
    }

    /**
     * With virtual threads (Java 21+), Spring Boot gives Jetty a pool that runs at most {@code server.jetty.threads.max}
     * (200) tasks at once and parks the rest: every request being handled is a task, so it would cap the calls in
     * flight at about 200, below {@code gateway.limits.max-in-flight} (up to 1,000), and queue the rest where the
     * load-shedding filter never sees them. Uncapped, as Tomcat's virtual threads were: the gateway's own limit bounds
     * its calls, and {@code server.jetty.max-connections} its connections. Runs after Spring Boot's customizer (an
     * unordered customizer comes last).
     */
    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> uncappedVirtualThreads() {
        return factory -> {
            if (factory.getThreadPool() instanceof VirtualThreadPool pool) {
                pool.setMaxConcurrentTasks(0);
            }
        };
    }

    /** Hands the web server's request executor to the load shedding's lag probe once the server runs. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> schedulingLagProbe(SchedulingLag lag) {
        return event -> {
            if (event.getWebServer() instanceof JettyWebServer jetty) {
                lag.probe(jetty.getServer().getThreadPool());
            }
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
