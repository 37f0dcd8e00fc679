package dev.bedrockgateway.api;

import dev.bedrockgateway.limits.TenantLimiter;
import dev.bedrockgateway.limits.UsageView;
import dev.bedrockgateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/usage}: the calling tenant's own usage, cost and what is left of its limits; nobody else's. */
@RestController
@Tag(name = "Usage", description = "Your own usage, cost and limits")
class UsageController {

    static final String USAGE = "/v1/usage";

    private final TenantLimiter limiter;

    UsageController(TenantLimiter limiter) {
        this.limiter = limiter;
    }

    @GetMapping(USAGE)
    @Operation(
            summary = "Your tenant's requests, tokens and cost today and this month, next to its limits",
            description = "Days and months are UTC. Costs are at the model catalog's prices or the operator's.")
    Map<String, Object> usage(@Parameter(hidden = true) Tenant tenant) {
        return UsageView.of(limiter.usage(tenant));
    }
}
