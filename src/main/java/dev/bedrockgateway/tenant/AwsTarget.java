package dev.bedrockgateway.tenant;

import dev.bedrockgateway.tenant.TenancyProperties.Aws;

/**
 * One AWS identity and region a tenant's calls can go to. A tenant has one (its {@code aws} settings) or several
 * ({@code aws.targets}), whose Bedrock quotas add up.
 *
 * @param tenantId the tenant it serves
 * @param name how metrics, breakers and the access log name it; unique within the tenant
 * @param index its place in the tenant's list of targets
 * @param property where it is configured, for startup messages, e.g. {@code gateway.tenants.a.aws.targets[1]}
 * @param identity its credentials settings and region (never a list of targets)
 * @param weight its share of the tenant's calls; 0 for a standby used only when the others fail
 */
public record AwsTarget(String tenantId, String name, int index, String property, Aws identity, int weight) {

    /** The name of a tenant's only target when it is configured without {@code aws.targets}. */
    public static final String SINGLE = "default";

    /** A tenant's only target, from its {@code aws} settings. */
    static AwsTarget single(String tenantId, Aws aws) {
        return new AwsTarget(tenantId, SINGLE, 0, "gateway.tenants." + tenantId + ".aws", aws, 1);
    }
}
