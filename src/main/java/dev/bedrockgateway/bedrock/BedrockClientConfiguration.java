package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;

/**
 * Builds the Bedrock clients once at startup on two shared connection pools: Apache HttpClient 5 for
 * Converse, called on the request's own (virtual) thread, and Netty for ConverseStream and discovery, which
 * the SDK offers only asynchronously. The benchmark chose this split (docs/performance.md): the blocking call
 * saves two thread hops and Spring MVC's async re-dispatch per request, about a third of the gateway's cost.
 */
@Configuration(proxyBeanMethods = false)
class BedrockClientConfiguration {

    @Bean(destroyMethod = "close")
    SdkAsyncHttpClient bedrockHttpClient(BedrockProperties properties) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(properties.maxConnections())
                .connectionTimeout(properties.connectTimeout())
                // The SDK's default 10 s wait for a pooled connection sometimes hides a refused connection;
                // bounded by the connect timeout, the caller soon hears that Bedrock cannot be reached.
                .connectionAcquisitionTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .build();
    }

    /** Apache HttpClient 5, whose call in flight a caller's departure can abort ({@link AbortableHttpClient}). */
    @Bean(destroyMethod = "close")
    AbortableHttpClient bedrockSyncHttpClient(BedrockProperties properties) {
        return new AbortableHttpClient(Apache5HttpClient.builder()
                .maxConnections(properties.maxConnections())
                .connectionTimeout(properties.connectTimeout())
                .connectionAcquisitionTimeout(properties.connectTimeout())
                // No socket timeout: on a virtual thread a timed socket read arms and cancels a JDK timer per
                // read, two thread wake-ups per call (~3% of CPU in a profile). The client's attempt timeout
                // bounds the wait instead (BedrockClientFactory).
                .socketTimeout(Duration.ZERO)
                .build());
    }

    /**
     * Timers for every client's timeouts and retry back-off, shared instead of the SDK's five-thread pool per
     * client, firing up to 10 ms late (nothing they run needs more precision). Removal on cancel matters: each
     * call arms its timeouts and cancels them when answered, and the SDK's pool keeps cancelled tasks queued
     * (with what they reference) until they would have fired, which for a 10-minute timeout is every call of
     * the last 10 minutes. Not a bean of its own: an {@code Executor} bean would replace Spring Boot's task
     * executor.
     */
    static TickTimer bedrockTimers() {
        return new TickTimer("bedrock-timers", Duration.ofMillis(10));
    }

    @Bean(destroyMethod = "close")
    BedrockClientFactory bedrockClientFactory(
            BedrockProperties properties, SdkHttpClient syncHttpClient, SdkAsyncHttpClient asyncHttpClient) {
        return new BedrockClientFactory(properties, syncHttpClient, asyncHttpClient, bedrockTimers());
    }

    @Bean(destroyMethod = "close")
    TenantBedrockClients tenantBedrockClients(
            TenantRegistry registry,
            CredentialsProviderFactory credentials,
            BedrockClientFactory clientFactory,
            ModelRoutingService routing) {
        return new TenantBedrockClients(registry, credentials, clientFactory, routing);
    }

    /** One control-plane client per region in use, signed as the first tenant of that region. */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("gateway.routing.discovery.enabled")
    BedrockCatalogSource catalogSource(TenantBedrockClients clients, BedrockClientFactory factory) {
        Map<Region, BedrockAsyncClient> byRegion = new LinkedHashMap<>();
        for (TenantBedrockClients.TenantClient client : clients.all()) {
            byRegion.computeIfAbsent(client.region(), region -> factory.controlPlane(region, client.credentials()));
        }
        return new BedrockCatalogSource(byRegion.values());
    }
}
