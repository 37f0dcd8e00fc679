package dev.bedrockgateway.limits;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/usage}: every tenant's usage, cost and what is left of its limits, for the operator. It sits
 * with the other management endpoints (their own port in Kubernetes; on the API port only with the management
 * token), never where a tenant's key reaches it.
 */
@Component
@Endpoint(id = "usage")
public class UsageEndpoint {

    private final TenantLimiter limiter;
    private final TenantRegistry tenants;

    UsageEndpoint(TenantLimiter limiter, TenantRegistry tenants) {
        this.limiter = limiter;
        this.tenants = tenants;
    }

    /** Every tenant's usage; 503 with the reason while the limits store cannot be reached, never a 500. */
    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> usage() {
        try {
            List<Map<String, Object>> usages = tenants.all().stream()
                    .sorted(Comparator.comparing(Tenant::id))
                    .map(tenant -> UsageView.of(limiter.usage(tenant)))
                    .toList();
            return new WebEndpointResponse<>(Map.of("tenants", usages));
        } catch (GatewayException e) {
            return new WebEndpointResponse<>(
                    Map.of("error", e.getMessage()), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
        }
    }
}
