package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Bedrock Runtime clients (plain and streaming) and one credentials provider per tenant target, built at startup on
 * the shared connection pools. A request only looks its target up in immutable lists. A target whose region lies
 * outside its tenant's allowed geographies fails the start: its data would leave them on every call.
 */
final class TenantBedrockClients implements SdkAutoCloseable {

    private final Map<String, List<TenantClient>> clients;

    TenantBedrockClients(
            TenantRegistry registry,
            CredentialsProviderFactory credentialsFactory,
            BedrockClientFactory clientFactory,
            ModelRoutingService routing) {
        Map<String, List<TenantClient>> byTenant = new LinkedHashMap<>();
        for (Tenant tenant : registry.all()) {
            List<TenantClient> targets = new ArrayList<>();
            for (AwsTarget target : tenant.targets()) {
                String configured = target.identity().region();
                Region region = configured != null ? Region.of(configured) : clientFactory.defaultRegion();
                requireWithinGeographies(tenant, target, region, routing);
                TenantCredentials credentials = credentialsFactory.create(target, region);
                targets.add(new TenantClient(
                        clientFactory.runtime(region, credentials),
                        clientFactory.streamRuntime(region, credentials),
                        region,
                        credentials));
            }
            byTenant.put(tenant.id(), List.copyOf(targets));
        }
        this.clients = Map.copyOf(byTenant);
    }

    /**
     * Refuses a target in a region whose geography the tenant may not use. A tenant allowed {@code global} may be
     * served from any region, as a global inference profile may.
     */
    private static void requireWithinGeographies(
            Tenant tenant, AwsTarget target, Region region, ModelRoutingService routing) {
        Set<String> allowed = tenant.allowedGeographies();
        if (allowed.isEmpty() || allowed.contains("global")) {
            return;
        }
        String geography = routing.geographyOf(region.id());
        if (geography == null || !allowed.contains(geography)) {
            throw new IllegalStateException(target.property() + ".region: " + region.id() + " is in geography "
                    + (geography == null ? "(none known)" : "'" + geography + "'") + ", outside the tenant's "
                    + "allowed-geographies " + allowed.stream().sorted().toList()
                    + (target.identity().region() == null ? " (the region is gateway.bedrock.region's)" : ""));
        }
    }

    /** The client of one of a tenant's targets. */
    TenantClient of(AwsTarget target) {
        List<TenantClient> targets = clients.get(target.tenantId());
        if (targets == null || target.index() >= targets.size()) {
            throw new GatewayException(
                    ErrorKind.INTERNAL,
                    "No Bedrock client for target '" + target.name() + "' of '" + target.tenantId() + "'");
        }
        return targets.get(target.index());
    }

    /** Every target's client, for discovery and shutdown. */
    List<TenantClient> all() {
        return clients.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        all().forEach(client -> {
            client.runtime().close();
            client.streamRuntime().close();
            client.credentials().close();
        });
    }

    /**
     * A tenant target's Bedrock access.
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
