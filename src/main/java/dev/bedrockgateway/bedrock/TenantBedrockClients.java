package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Bedrock Runtime clients (plain and streaming) and one credentials provider per tenant, built at startup on
 * the shared connection pools. A request only looks its tenant up in an immutable map.
 */
final class TenantBedrockClients implements SdkAutoCloseable {

    private final Map<String, TenantClient> clients;

    TenantBedrockClients(
            TenantRegistry registry,
            CredentialsProviderFactory credentialsFactory,
            BedrockClientFactory clientFactory) {
        Map<String, TenantClient> byTenant = new LinkedHashMap<>();
        for (Tenant tenant : registry.all()) {
            Region region =
                    tenant.aws().region() != null ? Region.of(tenant.aws().region()) : clientFactory.defaultRegion();
            TenantCredentials credentials = credentialsFactory.create(tenant, region);
            byTenant.put(
                    tenant.id(),
                    new TenantClient(
                            clientFactory.runtime(region, credentials),
                            clientFactory.streamRuntime(region, credentials),
                            region,
                            credentials));
        }
        this.clients = Map.copyOf(byTenant);
    }

    /** The tenant's client. */
    TenantClient of(Tenant tenant) {
        TenantClient client = clients.get(tenant.id());
        if (client == null) {
            throw new GatewayException(ErrorKind.INTERNAL, "No Bedrock client for tenant '" + tenant.id() + "'");
        }
        return client;
    }

    /** Every tenant's client, for discovery and shutdown. */
    Iterable<TenantClient> all() {
        return clients.values();
    }

    @Override
    public void close() {
        clients.values().forEach(client -> {
            client.runtime().close();
            client.streamRuntime().close();
            client.credentials().close();
        });
    }

    /**
     * A tenant's Bedrock access.
     *
     * @param runtime the Bedrock Runtime client for Converse
     * @param streamRuntime the asynchronous one without retries, for ConverseStream
     * @param region its region
     * @param credentials its refreshable credentials, which sign its calls
     */
    record TenantClient(
            BedrockRuntimeClient runtime,
            BedrockRuntimeAsyncClient streamRuntime,
            Region region,
            TenantCredentials credentials) {}
}
