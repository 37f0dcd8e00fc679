package dev.bedrockgateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import dev.bedrockgateway.tenant.TenancyIntegrationTest.TestTenants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/**
 * Whatever callers do, the console (where the logs go) never shows an API key, a configured key digest,
 * an AWS secret key, a session token or an SSO access token: not on success, not on 401 or 403, not when
 * AWS rejects the tenant's credentials. Logging runs at DEBUG for the gateway, Spring MVC and the AWS SDK's
 * request log while these tests run, so that nothing hides below the default level. (Not for the whole
 * SDK: its SigV4 signer logs the canonical request, session token included, at DEBUG.)
 */
@ExtendWith(FakeAwsIdentityEndpoints.class)
@GatewayIntegrationTest
@ActiveProfiles({"local", "tenancy"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIntegrationTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final String CHAT = "/v1/chat/completions";
    private static final String GUESSED_KEY = "tenant-a-key-guessed-6d2f";
    private static final List<String> VERBOSE_LOGGERS =
            List.of("dev.bedrockgateway", "org.springframework.web", "software.amazon.awssdk.request");

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    LoggingSystem loggingSystem;

    @BeforeEach
    void logEverything() {
        VERBOSE_LOGGERS.forEach(logger -> loggingSystem.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void restoreLogLevels() {
        VERBOSE_LOGGERS.forEach(logger -> loggingSystem.setLogLevel(logger, null));
    }

    @Test
    void outputWhenEveryKindOfTenantSucceedsThenNoSecretAppears(CapturedOutput output) {
        // Rejected once each, so the role and SSO credentials are fetched (again) during this test.
        simulator.failRequestsFor(MODEL, SimulatorFault.expiredToken(), 1);
        assertThat(chat(TestTenants.ROLE_TENANT_KEY, MODEL).status()).isEqualTo(200);
        simulator.failRequestsFor(MODEL, SimulatorFault.expiredToken(), 1);
        assertThat(chat(TestTenants.SSO_TENANT_KEY, MODEL).status()).isEqualTo(200);
        assertThat(chat(TestTenants.TENANT_A_KEY, MODEL).status()).isEqualTo(200);
        assertThat(chat(TestTenants.TENANT_B_KEY, "amazon.nova-lite-v1:0").status())
                .isEqualTo(200);
        assertThat(chat(GatewayClient.DEMO_KEY, MODEL).status()).isEqualTo(200);
        assertThat(gateway.withApiKey(null)
                        .postJson(
                                TenancyIntegrationTest.wirePath(MODEL),
                                TenancyIntegrationTest.wireBody("hi"),
                                "x-api-key",
                                TestTenants.TENANT_A_KEY)
                        .status())
                .isEqualTo(200);

        assertThat(simulator.received())
                .extracting(request -> request.operation())
                .contains("sts:AssumeRole", "sso:GetRoleCredentials");
        assertThat(output.getAll())
                .as("the capture sees the gateway's logs")
                .contains("Bedrock rejected the credentials of tenant 'role-tenant'");
        assertNoSecretIn(output);
    }

    @Test
    void outputWhenCallersPresentMissingWrongOrMalformedCredentialsThenNoSecretAppears(CapturedOutput output) {
        GatewayClient anonymous = gateway.withApiKey(null);
        List<GatewayResponse> responses = List.of(
                anonymous.postJson(CHAT, TenancyIntegrationTest.openAiBody(MODEL, "hi")),
                anonymous.postJson(
                        CHAT, TenancyIntegrationTest.openAiBody(MODEL, "hi"), "Authorization", "Bearer " + GUESSED_KEY),
                anonymous.postJson(
                        CHAT,
                        TenancyIntegrationTest.openAiBody(MODEL, "hi"),
                        "Authorization",
                        TestTenants.TENANT_A_KEY),
                anonymous.postJson(
                        TenancyIntegrationTest.wirePath(MODEL),
                        TenancyIntegrationTest.wireBody("hi"),
                        "x-api-key",
                        GUESSED_KEY),
                anonymous.postJson(
                        TenancyIntegrationTest.wirePath(MODEL),
                        TenancyIntegrationTest.wireBody("hi"),
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIATENANTA000000001/20260101/us-east-1/"
                                + "bedrock/aws4_request, SignedHeaders=host, Signature=" + TestTenants.TENANT_B_KEY),
                anonymous.get(
                        "/v1/models",
                        "Authorization",
                        "Bearer sha256:" + TestTenants.sha256Hex(TestTenants.TENANT_B_KEY)));

        assertThat(responses).extracting(GatewayResponse::status).containsOnly(401);
        assertNoSecretIn(output);
    }

    @Test
    void outputWhenTenantsAreRefusedAModelOrGeographyThenNoSecretAppears(CapturedOutput output) {
        assertThat(chat(TestTenants.TENANT_A_KEY, "us.anthropic.claude-3-5-haiku-20241022-v1:0")
                        .status())
                .isEqualTo(403);
        assertThat(chat(TestTenants.TENANT_B_KEY, MODEL).status()).isEqualTo(403);

        assertNoSecretIn(output);
    }

    @Test
    void outputWhenAwsRejectsOrCannotLoadTheTenantsCredentialsThenNoSecretAppears(CapturedOutput output) {
        simulator.failRequestsFor(MODEL, SimulatorFault.expiredToken());
        assertThat(chat(TestTenants.TENANT_A_KEY, MODEL).status()).isEqualTo(403);
        assertThat(chat(TestTenants.ROLE_TENANT_KEY, MODEL).status()).isEqualTo(403);
        assertThat(chat(TestTenants.SSO_TENANT_KEY, MODEL).status()).isEqualTo(403);
        assertThat(chat(TestTenants.SSO_EXPIRED_KEY, MODEL).status()).isEqualTo(403);

        assertThat(output.getAll()).contains("Bedrock rejected the credentials of tenant 'sso-expired'");
        assertNoSecretIn(output);
    }

    private GatewayResponse chat(String key, String model) {
        return gateway.withApiKey(key).postJson(CHAT, TenancyIntegrationTest.openAiBody(model, "tell no secrets"));
    }

    private static void assertNoSecretIn(CapturedOutput output) {
        // Proves the capture sees what goes through the logging system, so an empty check means something.
        LoggerFactory.getLogger(SecretsNeverLoggedIntegrationTest.class).info("Checking the output for secrets");
        String all = output.getAll();
        assertThat(all).as("captured output").contains("Checking the output for secrets");
        for (String secret : secrets()) {
            assertThat(all).as("captured output must not contain a secret").doesNotContain(secret);
        }
    }

    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String key : TestTenants.ALL_KEYS) {
            secrets.add(key);
            secrets.add(TestTenants.sha256Hex(key));
        }
        secrets.add(GUESSED_KEY);
        // From src/test/resources/aws/credentials and surefire's environment.
        secrets.addAll(
                List.of("tenant-a-secret-never-logged", "tenant-b-secret-never-logged", "test-secret-never-used"));
        // What the fake STS and SSO portal issue.
        secrets.addAll(List.of("sts-secret-", "sso-secret-", "sts-session-token-", "sso-session-token-"));
        secrets.addAll(
                List.of(FakeAwsIdentityEndpoints.SSO_ACCESS_TOKEN, FakeAwsIdentityEndpoints.EXPIRED_SSO_ACCESS_TOKEN));
        return secrets;
    }
}
