package dev.bedrockgateway.routing;

import java.util.List;

/** Bedrock's service tiers, as its {@code serviceTier.type} names them. */
public final class ServiceTiers {

    /** Every tier Bedrock has; {@code default} is the standard one every model serves. */
    public static final List<String> KNOWN = List.of("priority", ModelCapabilities.DEFAULT_TIER, "flex", "reserved");

    private ServiceTiers() {}
}
