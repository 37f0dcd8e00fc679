package dev.bedrockgateway.bedrock.credentials;

import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.assertIssuedByFakeSts;
import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.profile;
import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.role;
import static dev.bedrockgateway.bedrock.credentials.CredentialFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Which credentials a tenant gets, what the messages about them say, and that refreshing really starts
 * over. Profiles come from src/test/resources/aws (surefire points AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE there); assumed roles come from the simulator's fake STS.
 */
class CredentialsProviderFactoryTest {

    private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/BedrockCaller";

    private static BedrockSimulator sts;

    private final CredentialsProviderFactory factory = new CredentialsProviderFactory();

    @BeforeAll
    static void startFakeSts() {
        sts = BedrockSimulator.start(0);
        System.setProperty(STS_ENDPOINT_PROPERTY, sts.endpoint().toString());
    }

    @AfterAll
    static void stopFakeSts() {
        System.clearProperty(STS_ENDPOINT_PROPERTY);
        sts.close();
    }

    @BeforeEach
    void resetFakeSts() {
        sts.reset();
    }

    // startup checks

    @Test
    void createWhenTheProfileDoesNotExistThenFailsNamingTheTenantPropertyAndProfile() {
        assertThatIllegalStateException()
                .isThrownBy(() -> factory.create(
                        tenant("ghost", profile("no-such-profile")).targets().get(0), Region.US_EAST_1))
                .withMessageStartingWith("gateway.tenants.ghost.aws.profile: ")
                .withMessageContaining("'no-such-profile'")
                .withMessageContaining("AWS_CONFIG_FILE");
    }

    @Test
    void createWhenTheRolesSourceProfileDoesNotExistThenFailsNamingTheSourceProfileProperty() {
        Aws aws = new Aws(null, ROLE_ARN, null, null, "no-such-source", null);

        assertThatIllegalStateException()
                .isThrownBy(() -> factory.create(tenant("ghost", aws).targets().get(0), Region.US_EAST_1))
                .withMessageStartingWith("gateway.tenants.ghost.aws.source-profile: ")
                .withMessageContaining("'no-such-source'");
    }

    // which credentials

    @Test
    void resolveWhenTheProfileHasStaticKeysThenThoseKeysAreReturned() {
        try (TenantCredentials a = factory.create(
                        tenant("a", profile("tenant-a")).targets().get(0), Region.US_EAST_1);
                TenantCredentials b = factory.create(
                        tenant("b", profile("tenant-b")).targets().get(0), Region.EU_CENTRAL_1)) {

            assertThat(a.resolveCredentials().accessKeyId()).isEqualTo("AKIATENANTA000000001");
            assertThat(a.resolveCredentials().secretAccessKey()).isEqualTo("tenant-a-secret-never-logged");
            assertThat(b.resolveCredentials().accessKeyId()).isEqualTo("AKIATENANTB000000002");
        }
        assertThat(sts.received()).isEmpty();
    }

    @Test
    void resolveWhenTheTenantHasNoAwsSettingsThenTheDefaultChainAnswers() {
        try (TenantCredentials credentials = factory.create(
                tenant("plain", new Aws(null, null, null, null, null, null))
                        .targets()
                        .get(0),
                Region.US_EAST_1)) {

            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKIDTESTONLY");
        }
    }

    @Test
    void resolveWhenTheApplicationGivesADefaultIdentityThenTenantsWithoutTheirOwnUseItAndNeverCloseIt() {
        NumberedProvider identity = new NumberedProvider(7);
        CredentialsProviderFactory withIdentity = new CredentialsProviderFactory(identity);
        TenantCredentials credentials = withIdentity.create(
                tenant("plain", new Aws(null, null, null, null, null, null))
                        .targets()
                        .get(0),
                Region.US_EAST_1);

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKIDNUMBER7");
        assertThat(credentials.source()).isEqualTo("the application's AWS credentials");
        credentials.refresh();
        credentials.close();

        assertThat(identity.closed)
                .as("the application's provider is the application's to close")
                .isFalse();
        assertThat(identity.resolveCredentials().accessKeyId()).isEqualTo("AKIDNUMBER7");
    }

    @Test
    void resolveWhenTheApplicationGivesADefaultIdentityThenItAssumesTenantRoles() {
        CredentialsProviderFactory withIdentity = new CredentialsProviderFactory(new NumberedProvider(8));
        try (TenantCredentials credentials = withIdentity.create(
                tenant("role-tenant", role(ROLE_ARN, "ext-123")).targets().get(0), Region.US_EAST_1)) {

            assertIssuedByFakeSts(credentials);
        }
        assertThat(sts.lastReceived().signingAccessKeyId()).isEqualTo("AKIDNUMBER8");
    }

    @Test
    void resolveWhenTheTenantHasARoleThenItIsAssumedAsTheDefaultChainWithTheDefaultSessionName() {
        try (TenantCredentials credentials = factory.create(
                tenant("role-tenant", role(ROLE_ARN, "ext-123")).targets().get(0), Region.US_EAST_1)) {

            assertIssuedByFakeSts(credentials);
        }
        RecordedRequest assumeRole = sts.lastReceived();
        assertThat(assumeRole.operation()).isEqualTo("sts:AssumeRole");
        assertThat(assumeRole.body())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FBedrockCaller")
                .contains("ExternalId=ext-123")
                .contains("RoleSessionName=bedrock-gateway-role-tenant");
        assertThat(assumeRole.signingAccessKeyId()).isEqualTo("AKIDTESTONLY");
        assertThat(assumeRole.signingRegion()).isEqualTo("us-east-1");
    }

    @Test
    void resolveWhenTheRoleHasASourceProfileAndSessionNameThenThatProfileAssumesItUnderThatName() {
        Aws aws = new Aws(null, ROLE_ARN, null, "nightly-batch", "tenant-b", null);
        try (TenantCredentials credentials =
                factory.create(tenant("batch", aws).targets().get(0), Region.EU_CENTRAL_1)) {

            assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIASTS");
        }
        RecordedRequest assumeRole = sts.lastReceived();
        assertThat(assumeRole.signingAccessKeyId()).isEqualTo("AKIATENANTB000000002");
        assertThat(assumeRole.signingRegion()).isEqualTo("eu-central-1");
        assertThat(assumeRole.body()).contains("RoleSessionName=nightly-batch").doesNotContain("ExternalId");
    }

    // messages

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of(
                        profile("tenant-a"),
                        "AWS config profile 'tenant-a'",
                        "check the AWS config profile 'tenant-a' on the gateway host"),
                Arguments.of(
                        profile("sso-tenant"),
                        "AWS config profile 'sso-tenant'",
                        "run `aws sso login --profile sso-tenant` on the gateway host"),
                Arguments.of(
                        profile("sso-expired"),
                        "AWS config profile 'sso-expired'",
                        "run `aws sso login --profile sso-expired` on the gateway host"),
                Arguments.of(
                        role(ROLE_ARN, "ext-123"),
                        "role " + ROLE_ARN,
                        "check that the gateway's own identity may assume " + ROLE_ARN),
                Arguments.of(
                        new Aws(null, null, null, null, null, null),
                        "the default AWS credentials chain",
                        "check the gateway's AWS credentials (environment, web identity, container or instance role)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("sources")
    void sourceAndFixHintWhenCreatedThenTheyTellAnOperatorWhereToLookWithoutSecrets(
            Aws aws, String source, String fixHint) {
        try (TenantCredentials credentials =
                factory.create(tenant("t", aws).targets().get(0), Region.US_EAST_1)) {

            assertThat(credentials.source()).isEqualTo(source);
            assertThat(credentials.fixHint()).isEqualTo(fixHint);
            assertThat(credentials.source() + credentials.fixHint())
                    .doesNotContain("secret")
                    .doesNotContain("ext-123");
        }
        assertThat(sts.received()).as("describing the source fetches nothing").isEmpty();
    }

    // refresh

    @Test
    void refreshWhenCalledThenANewDelegateAnswersAndTheOldOneIsClosed() {
        List<NumberedProvider> built = new ArrayList<>();
        AtomicInteger numbers = new AtomicInteger();
        TenantCredentials credentials = new TenantCredentials("source", "hint", () -> {
            NumberedProvider provider = new NumberedProvider(numbers.incrementAndGet());
            built.add(provider);
            return provider;
        });
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKIDNUMBER1");

        credentials.refresh();

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKIDNUMBER2");
        assertThat(built).extracting(provider -> provider.closed).containsExactly(true, false);

        credentials.close();

        assertThat(built).extracting(provider -> provider.closed).containsExactly(true, true);
    }

    @Test
    void refreshWhenTheTenantHasARoleThenTheRoleIsAssumedAgainForNewCredentials() {
        try (TenantCredentials credentials = factory.create(
                tenant("role-tenant", role(ROLE_ARN, null)).targets().get(0), Region.US_EAST_1)) {
            String first = credentials.resolveCredentials().accessKeyId();
            assertThat(credentials.resolveCredentials().accessKeyId())
                    .as("cached while valid")
                    .isEqualTo(first);

            credentials.refresh();

            assertThat(credentials.resolveCredentials().accessKeyId())
                    .startsWith("ASIASTS")
                    .isNotEqualTo(first);
        }
        assertThat(sts.received())
                .extracting(RecordedRequest::operation)
                .containsExactly("sts:AssumeRole", "sts:AssumeRole");
    }

    /** Static credentials numbered by creation, remembering whether they were closed. */
    private static final class NumberedProvider implements AwsCredentialsProvider, AutoCloseable {

        private final int number;
        private volatile boolean closed;

        NumberedProvider(int number) {
            this.number = number;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("AKIDNUMBER" + number, "secret-" + number);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
