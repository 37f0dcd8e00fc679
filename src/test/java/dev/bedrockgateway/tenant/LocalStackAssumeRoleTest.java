package dev.bedrockgateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * A role tenant's credentials from a real STS implementation (LocalStack) rather than the simulator's
 * fake, so the request the SDK builds and the answer it parses are checked against a second opinion.
 * Needs Docker: where there is none (this project's sandbox) the class is skipped; GitHub Actions runs it.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackAssumeRoleTest {

    private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";

    @Container
    static final LocalStackContainer LOCALSTACK = localStack();

    @BeforeAll
    static void pointStsAtLocalStack() {
        System.setProperty(STS_ENDPOINT_PROPERTY, LOCALSTACK.getEndpoint().toString());
    }

    @AfterAll
    static void restoreSts() {
        System.clearProperty(STS_ENDPOINT_PROPERTY);
    }

    @Test
    void resolveWhenTheTenantHasARoleThenLocalStackStsIssuesSessionCredentials() {
        Tenant tenant = new Tenant(
                "localstack-role",
                null,
                Set.of(),
                List.of(),
                List.of(),
                new Aws(null, "arn:aws:iam::000000000000:role/BedrockCaller", "ext-123", null, null, null));

        try (TenantCredentials credentials =
                new CredentialsProviderFactory().create(tenant.targets().get(0), Region.of(LOCALSTACK.getRegion()))) {
            AwsCredentials resolved = credentials.resolveCredentials();

            assertThat(resolved.accessKeyId()).isNotBlank().isNotEqualTo("AKIDTESTONLY");
            assertThat(resolved.secretAccessKey()).isNotBlank();
            assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
            assertThat(((AwsSessionCredentials) resolved).sessionToken()).isNotBlank();
            assertThat(credentials.source()).isEqualTo("role arn:aws:iam::000000000000:role/BedrockCaller");
        }
    }

    private static LocalStackContainer localStack() {
        LocalStackContainer container =
                new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8")).withServices("sts");
        // 3.8 is a community image that starts without an auth token; newer ones want LOCALSTACK_AUTH_TOKEN.
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        return token == null || token.isBlank() ? container : container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
}
