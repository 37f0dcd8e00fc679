package dev.bedrockgateway.tenant;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.tenant.TenancyIntegrationTest.TestTenants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tenants bound to IAM Identity Center (SSO) profiles with an {@code sso_session}: the SDK reads the
 * cached access token, trades it for role credentials at the portal (the simulator's fake, reached via
 * {@code aws.endpointUrlSso}) and signs Bedrock calls with them; an expired session gives the caller a
 * 403 that tells the operator to log in again, never a 500.
 */
@ExtendWith(FakeAwsIdentityEndpoints.class)
@GatewayIntegrationTest
@ActiveProfiles({"local", "tenancy"})
class SsoProfileIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void chatWhenTheTenantHasAnSsoProfileThenRoleCredentialsComeFromThePortalWithTheCachedToken() {
        // Rejected once, so the role credentials are fetched in this test even if an earlier one cached them.
        simulator.failRequestsFor(MODEL, SimulatorFault.expiredToken(), 1);

        GatewayResponse response = chat(TestTenants.SSO_TENANT_KEY, "via sso");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(ssoTraffic())
                .extracting(RecordedRequest::operation)
                .endsWith("converse", "sso:GetRoleCredentials", "converse");
        assertThat(portalCalls()).isNotEmpty().allSatisfy(portal -> {
            assertThat(portal.method()).isEqualTo("GET");
            assertThat(portal.rawPath()).isEqualTo("/federation/credentials");
            assertThat(portal.header("x-amz-sso_bearer_token")).isEqualTo(FakeAwsIdentityEndpoints.SSO_ACCESS_TOKEN);
            assertThat(portal.signingAccessKeyId())
                    .as("the portal call is not SigV4-signed")
                    .isNull();
        });
    }

    @Test
    void chatWhenTheTenantHasAnSsoProfileThenBedrockIsSignedWithThePortalsRoleCredentialsForItsRole() {
        GatewayResponse response = chat(TestTenants.SSO_TENANT_KEY, "signed by sso");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        RecordedRequest bedrock = simulator.lastReceived();
        assertThat(bedrock.operation()).isEqualTo("converse");
        assertThat(bedrock.signingAccessKeyId()).startsWith("ASIASSO");
        String number = bedrock.signingAccessKeyId().substring("ASIASSO".length());
        // The fake portal names the session token after the role_name it was asked for.
        assertThat(bedrock.header("X-Amz-Security-Token"))
                .isEqualTo("sso-session-token-" + Integer.parseInt(number) + "-BedrockUser");
    }

    @Test
    void chatWhenTheSsoSessionHasExpiredThen403TellsTheOperatorToLogInAgainAndNothingReachesBedrock() {
        GatewayResponse response = chat(TestTenants.SSO_EXPIRED_KEY, "expired");

        String message = assertOpenAiError(response, 403, "permission_error", null)
                .path("message")
                .asString();
        assertThat(message)
                .contains("tenant 'sso-expired'")
                .contains("AWS config profile 'sso-expired'")
                .contains("aws sso login --profile sso-expired");
        assertThat(ssoTraffic())
                .as("no portal call and no Bedrock call with an expired token")
                .isEmpty();
    }

    @Test
    void converseWhenTheSsoSessionHasExpiredThenAccessDeniedInAwsFormat() {
        GatewayResponse response = gateway.withApiKey(TestTenants.SSO_EXPIRED_KEY)
                .postJson(TenancyIntegrationTest.wirePath(MODEL), TenancyIntegrationTest.wireBody("expired"));

        assertThat(assertAwsError(response, 403, "AccessDeniedException"))
                .contains("aws sso login --profile sso-expired");
    }

    private GatewayResponse chat(String key, String text) {
        return gateway.withApiKey(key).postJson("/v1/chat/completions", TenancyIntegrationTest.openAiBody(MODEL, text));
    }

    private List<RecordedRequest> portalCalls() {
        return simulator.received().stream()
                .filter(request -> "sso:GetRoleCredentials".equals(request.operation()))
                .toList();
    }

    /** Bedrock and portal calls: an STS call of a role tenant refreshing in the background never counts. */
    private List<RecordedRequest> ssoTraffic() {
        return simulator.received().stream()
                .filter(request -> List.of("converse", "sso:GetRoleCredentials").contains(request.operation()))
                .toList();
    }
}
