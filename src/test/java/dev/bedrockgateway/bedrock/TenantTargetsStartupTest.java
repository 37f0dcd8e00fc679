package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each of a tenant's AWS targets gets its own client at startup, and only within the tenant's geographies. */
class TenantTargetsStartupTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(BedrockSide.class)
            .withPropertyValues(
                    "gateway.bedrock.region=us-east-1",
                    "gateway.tenants.team-a.api-keys[0]=key-team-a-0123",
                    "gateway.tenants.team-a.allowed-geographies[0]=us");

    @Test
    void eachTargetGetsAClientOfItsOwnInItsOwnRegion() {
        runner.withPropertyValues(
                        "gateway.tenants.team-a.aws.targets[0].region=us-east-1",
                        "gateway.tenants.team-a.aws.targets[1].region=us-west-2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Tenant tenant = context.getBean(TenantRegistry.class)
                            .authenticate("key-team-a-0123")
                            .orElseThrow();
                    TenantBedrockClients clients = context.getBean(TenantBedrockClients.class);

                    assertThat(tenant.targets())
                            .extracting(target -> clients.of(target).region().id())
                            .containsExactly("us-east-1", "us-west-2");
                    AwsTarget first = tenant.targets().get(0);
                    assertThat(clients.of(first).runtime())
                            .isNotSameAs(clients.of(tenant.targets().get(1)).runtime());
                });
    }

    @Test
    void aTargetInARegionOutsideTheTenantsAllowedGeographiesFailsTheStartNamingItsProperty() {
        runner.withPropertyValues(
                        "gateway.tenants.team-a.aws.targets[0].region=us-east-1",
                        "gateway.tenants.team-a.aws.targets[1].region=eu-west-1")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith(
                                "gateway.tenants.team-a.aws.targets[1].region: eu-west-1 is in geography 'eu'")
                        .hasMessageContaining("allowed-geographies [us]"));
    }

    @Test
    void theSingleTargetFormIsCheckedTooAgainstTheGatewaysDefaultRegion() {
        runner.withPropertyValues("gateway.tenants.team-a.allowed-geographies[0]=eu")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("gateway.tenants.team-a.aws.region: us-east-1 is in geography 'us'")
                        .hasMessageContaining("gateway.bedrock.region"));
    }

    @Test
    void aTenantAllowedGlobalMayBeServedFromAnyRegion() {
        runner.withPropertyValues(
                        "gateway.tenants.team-a.allowed-geographies[0]=global",
                        "gateway.tenants.team-a.aws.region=eu-west-1")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
