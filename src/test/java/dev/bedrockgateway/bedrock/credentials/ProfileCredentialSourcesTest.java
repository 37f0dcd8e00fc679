package dev.bedrockgateway.bedrock.credentials;

import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.assertIssuedByFakeSts;
import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.profile;
import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * AWS config profiles whose credentials the SDK obtains itself, through {@link CredentialsProviderFactory}:
 * {@code credential_process} (a script on the gateway host) and {@code role_arn} + {@code source_profile}
 * (STS, here the simulator's fake). The profiles live in a temporary AWS config file of this class's own,
 * named by the {@code aws.configFile} system property, which the SDK prefers to {@code AWS_CONFIG_FILE};
 * the shared test config in src/test/resources/aws is left alone.
 */
class ProfileCredentialSourcesTest {

    private static final String CONFIG_FILE_PROPERTY = "aws.configFile";
    private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";
    private static final String PROFILE_ROLE = "arn:aws:iam::123456789012:role/ProfileRole";
    private static final String TENANT_ROLE = "arn:aws:iam::123456789012:role/TenantRole";

    @TempDir
    static Path home;

    private static BedrockSimulator sts;
    private static String previousConfigFile;

    private final CredentialsProviderFactory factory = new CredentialsProviderFactory();

    @BeforeAll
    static void writeAwsConfigAndStartFakeSts() throws IOException {
        Path script = home.resolve("credential-process.sh");
        Files.writeString(script, """
                #!/bin/sh
                printf '%s\\n' '{"Version":1,"AccessKeyId":"AKIDPROCESS","SecretAccessKey":"s"}'
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = home.resolve("config");
        Files.writeString(config, """
                [profile process-tenant]
                credential_process = %s
                region = us-east-1

                [profile static-source]
                aws_access_key_id = AKIDSTATICSOURCE
                aws_secret_access_key = static-source-secret
                region = eu-west-1

                [profile role-via-profile]
                role_arn = %s
                source_profile = static-source
                role_session_name = profile-session
                external_id = profile-ext
                region = eu-west-1
                """.formatted(script.toAbsolutePath(), PROFILE_ROLE));
        previousConfigFile = System.getProperty(CONFIG_FILE_PROPERTY);
        System.setProperty(CONFIG_FILE_PROPERTY, config.toAbsolutePath().toString());
        sts = BedrockSimulator.start(0);
        System.setProperty(STS_ENDPOINT_PROPERTY, sts.endpoint().toString());
    }

    @AfterAll
    static void restoreAwsConfigAndStopFakeSts() {
        System.clearProperty(STS_ENDPOINT_PROPERTY);
        if (previousConfigFile == null) {
            System.clearProperty(CONFIG_FILE_PROPERTY);
        } else {
            System.setProperty(CONFIG_FILE_PROPERTY, previousConfigFile);
        }
        sts.close();
    }

    @BeforeEach
    void resetFakeSts() {
        sts.reset();
    }

    @Test
    void resolveWhenTheProfileHasACredentialProcessThenTheProcessOutputIsTheCredentials() {
        try (TenantCredentials credentials = factory.create(
                tenant("process", profile("process-tenant")).targets().get(0), Region.US_EAST_1)) {

            AwsCredentials resolved = credentials.resolveCredentials();

            assertThat(resolved.accessKeyId()).isEqualTo("AKIDPROCESS");
            assertThat(resolved.secretAccessKey()).isEqualTo("s");
            assertThat(resolved).isNotInstanceOf(AwsSessionCredentials.class);
            assertThat(credentials.source()).isEqualTo("AWS config profile 'process-tenant'");
            assertThat(credentials.fixHint())
                    .isEqualTo("check the AWS config profile 'process-tenant' on the gateway host");
        }
        assertThat(sts.received()).isEmpty();
    }

    @Test
    void resolveWhenTheProfileHasARoleArnAndSourceProfileThenTheSdkAssumesTheRoleWithTheSourcesKeys() {
        try (TenantCredentials credentials = factory.create(
                tenant("profile-role", profile("role-via-profile")).targets().get(0), Region.US_EAST_1)) {

            assertIssuedByFakeSts(credentials);
        }
        RecordedRequest assumeRole = sts.lastReceived();
        assertThat(assumeRole.operation()).isEqualTo("sts:AssumeRole");
        assertThat(assumeRole.body())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FProfileRole")
                .contains("RoleSessionName=profile-session")
                .contains("ExternalId=profile-ext");
        assertThat(assumeRole.signingAccessKeyId()).isEqualTo("AKIDSTATICSOURCE");
        assertThat(assumeRole.signingRegion()).as("the profile's region").isEqualTo("eu-west-1");
    }

    @Test
    void resolveWhenATenantRolesSourceProfileHasACredentialProcessThenTheProcessKeysAssumeTheRole() {
        Aws aws = new Aws(null, TENANT_ROLE, null, null, "process-tenant", null);
        try (TenantCredentials credentials =
                factory.create(tenant("process-role", aws).targets().get(0), Region.EU_CENTRAL_1)) {

            assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIASTS");
        }
        RecordedRequest assumeRole = sts.lastReceived();
        assertThat(assumeRole.operation()).isEqualTo("sts:AssumeRole");
        assertThat(assumeRole.body())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FTenantRole")
                .contains("RoleSessionName=bedrock-gateway-process-role");
        assertThat(assumeRole.signingAccessKeyId()).isEqualTo("AKIDPROCESS");
        assertThat(assumeRole.signingRegion()).isEqualTo("eu-central-1");
    }
}
