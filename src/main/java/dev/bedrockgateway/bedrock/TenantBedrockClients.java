package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
            // On the simulator, a tenant with no AWS settings of its own signs with dummy keys, so the local
            // profile never needs (or leaks) an AWS identity; explicit profiles and roles are still used.
            boolean ownIdentity = tenant.aws().profile() != null || tenant.aws().roleArn() != null;
            TenantCredentials credentials =
                    clientFactory.simulated() && !ownIdentity ? null : credentialsFactory.create(tenant, region);
            AwsCredentialsProvider provider = credentials != null ? credentials : clientFactory.simulatorCredentials();
            byTenant.put(
                    tenant.id(),
                    new TenantClient(
                            clientFactory.runtime(region, provider),
                            clientFactory.streamRuntime(region, provider),
                            region,
                            provider,
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
            if (client.credentials() != null) {
                client.credentials().close();
            }
        });
    }

    /**
     * A tenant's Bedrock access.
     *
     * @param runtime the Bedrock Runtime client for Converse
     * @param streamRuntime the asynchronous one without retries, for ConverseStream
     * @param region its region
     * @param credentialsProvider what signs its calls
     * @param credentials its refreshable credentials; null when it signs with the simulator's dummy keys
     */
    record TenantClient(
            BedrockRuntimeClient runtime,
            BedrockRuntimeAsyncClient streamRuntime,
            Region region,
            AwsCredentialsProvider credentialsProvider,
            @Nullable TenantCredentials credentials) {}
}
