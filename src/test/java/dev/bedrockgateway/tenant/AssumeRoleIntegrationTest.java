package dev.bedrockgateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.tenant.TenancyIntegrationTest.TestTenants;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

/**
 * A tenant bound to an IAM role: the gateway assumes it through STS (the simulator's fake, reached via
 * the SDK's {@code aws.endpointUrlSts}), signs the STS call with its own identity (the one the simulator hands
 * the gateway, as a deployment's default chain would), signs the
 * Bedrock call with the temporary credentials, and assumes the role again when they expire.
 */
@ExtendWith(FakeAwsIdentityEndpoints.class)
@GatewayIntegrationTest
@ActiveProfiles({"local", "tenancy"})
class AssumeRoleIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final String REFRESH_ROLE = "arn:aws:iam::123456789012:role/BedrockRefresher";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void chatWhenBedrockRejectsTheRoleCredentialsThenTheRoleIsAssumedAgainWithItsExternalIdAndDefaultSessionName() {
        simulator.failRequestsFor(MODEL, SimulatorFault.expiredToken(), 1);

        GatewayResponse response = chat(TestTenants.ROLE_TENANT_KEY, "as a role");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        // An earlier test of the shared context may have cached the first credentials, so only the
        // re-assumption after the rejection is certain to be seen here.
        assertThat(roleTenantTraffic())
                .extracting(RecordedRequest::operation)
                .endsWith("converse", "sts:AssumeRole", "converse");
        List<RecordedRequest> calls = bedrockCalls();
        assertThat(calls.get(1).signingAccessKeyId())
                .startsWith("ASIASTS")
                .isNotEqualTo(calls.get(0).signingAccessKeyId());
        assertThat(roleTenantTraffic())
                .filteredOn(call -> call.operation().equals("sts:AssumeRole"))
                .isNotEmpty()
                .allSatisfy(assumeRole -> {
                    assertThat(assumeRole.method()).isEqualTo("POST");
                    assertThat(form(assumeRole.body()))
                            .containsEntry("Action", "AssumeRole")
                            .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/BedrockCaller")
                            .containsEntry("ExternalId", "ext-123")
                            .containsEntry("RoleSessionName", "bedrock-gateway-role-tenant");
                    assertThat(assumeRole.signingAccessKeyId())
                            .as("STS is called as the gateway's own identity, the simulator's dummy keys")
                            .isEqualTo("AKIDSIMULATOR");
                    assertThat(assumeRole.signingRegion()).isEqualTo("us-east-1");
                });
    }

    @Test
    void chatWhenTheTenantHasARoleThenBedrockIsCalledWithTheTemporaryCredentialsAndTheirSessionToken() {
        GatewayResponse response = chat(TestTenants.ROLE_TENANT_KEY, "signed by the role");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        RecordedRequest bedrock = simulator.lastReceived();
        assertThat(bedrock.operation()).isEqualTo("converse");
        assertThat(bedrock.signingAccessKeyId()).startsWith("ASIASTS");
        String number = bedrock.signingAccessKeyId().substring("ASIASTS".length());
        assertThat(bedrock.header("X-Amz-Security-Token")).isEqualTo("sts-session-token-" + Integer.parseInt(number));
        assertThat(bedrock.signingRegion()).isEqualTo("us-east-1");
    }

    @Test
    void chatWhenAssumedCredentialsAreStillValidThenTheRoleIsNotAssumedAgain() {
        chat(TestTenants.ROLE_TENANT_KEY, "first");
        simulator.reset();

        GatewayResponse response = chat(TestTenants.ROLE_TENANT_KEY, "second");

        assertThat(response.status()).isEqualTo(200);
        assertThat(roleTenantTraffic()).extracting(RecordedRequest::operation).containsExactly("converse");
        assertThat(simulator.lastReceived().signingAccessKeyId()).startsWith("ASIASTS");
    }

    @Test
    void chatWhenAssumedCredentialsExpireWithinTheStaleWindowThenTheNextCallIsSignedWithNewOnes() {
        simulator.issueStsCredentialsValidFor(Duration.ofSeconds(30));

        assertThat(chat(TestTenants.ROLE_REFRESH_KEY, "first").status()).isEqualTo(200);
        String firstKey = simulator.lastReceived().signingAccessKeyId();
        assertThat(firstKey).startsWith("ASIASTS");

        // The SDK keeps even stale credentials for about a second before it must fetch again.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(chat(TestTenants.ROLE_REFRESH_KEY, "again").status())
                            .isEqualTo(200);
                    assertThat(simulator.lastReceived().signingAccessKeyId())
                            .startsWith("ASIASTS")
                            .isNotEqualTo(firstKey);
                });
        assertThat(identityCalls())
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(call -> assertThat(form(call.body()))
                        .containsEntry("RoleArn", REFRESH_ROLE)
                        .containsEntry("RoleSessionName", "bedrock-gateway-role-refresh")
                        .doesNotContainKey("ExternalId"));
    }

    private GatewayResponse chat(String key, String text) {
        return gateway.withApiKey(key).postJson("/v1/chat/completions", TenancyIntegrationTest.openAiBody(MODEL, text));
    }

    private List<RecordedRequest> bedrockCalls() {
        return simulator.received().stream()
                .filter(request -> "converse".equals(request.operation()))
                .toList();
    }

    /**
     * Bedrock calls and role-tenant's STS calls: role-refresh's short-lived credentials may be fetched
     * again in the background, at any time, into whichever test runs then.
     */
    private List<RecordedRequest> roleTenantTraffic() {
        return simulator.received().stream()
                .filter(request -> "converse".equals(request.operation())
                        || !form(request.body()).getOrDefault("RoleArn", "").equals(REFRESH_ROLE))
                .toList();
    }

    private List<RecordedRequest> identityCalls() {
        return simulator.received().stream()
                .filter(request -> "sts:AssumeRole".equals(request.operation()))
                .toList();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
