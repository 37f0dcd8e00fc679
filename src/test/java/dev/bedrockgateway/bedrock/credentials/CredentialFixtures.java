package dev.bedrockgateway.bedrock.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Tenants and checks shared by the credential tests that run against the simulator's fake STS. */
final class CredentialFixtures {

    private CredentialFixtures() {}

    static Tenant tenant(String id, Aws aws) {
        return new Tenant(id, null, Set.of(), List.of(), List.of(), aws);
    }

    /** A tenant's AWS settings naming only an AWS config profile. */
    static Aws profile(String name) {
        return new Aws(name, null, null, null, null, null);
    }

    /** A tenant's AWS settings naming only a role to assume, from the default chain. */
    static Aws role(String roleArn, String externalId) {
        return new Aws(null, roleArn, externalId, null, null, null);
    }

    /** Resolves {@code credentials} and checks they are session credentials the fake STS issued. */
    static void assertIssuedByFakeSts(TenantCredentials credentials) {
        AwsCredentials resolved = credentials.resolveCredentials();

        assertThat(resolved.accessKeyId()).startsWith("ASIASTS");
        assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) resolved).sessionToken()).startsWith("sts-session-token-");
    }
}
