package dev.bedrockgateway.bedrock.credentials;

import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Binds each of a tenant's targets to AWS credentials: a named AWS config profile from {@code AWS_CONFIG_FILE} /
 * {@code AWS_SHARED_CREDENTIALS_FILE} (static keys, {@code role_arn} + {@code source_profile},
 * {@code credential_process}, IAM Identity Center with {@code sso_session}), a role assumed with STS
 * (refreshed in the background before it expires), or the default chain (environment, web identity /
 * EKS IRSA, container, instance profile). An application that defines one {@link AwsCredentialsProvider} bean
 * replaces the default chain with it, for tenants without a profile or role and as the identity that assumes
 * roles.
 */
@Component
public class CredentialsProviderFactory {

    private final @Nullable AwsCredentialsProvider defaultIdentity;

    /** A factory whose default identity is the SDK's default chain. */
    public CredentialsProviderFactory() {
        this((AwsCredentialsProvider) null);
    }

    /**
     * A factory with a default identity of the application's own.
     *
     * @param defaultIdentity what tenants without a profile or role sign with; null for the SDK's default chain
     */
    public CredentialsProviderFactory(@Nullable AwsCredentialsProvider defaultIdentity) {
        this.defaultIdentity = defaultIdentity;
    }

    @Autowired
    CredentialsProviderFactory(ObjectProvider<AwsCredentialsProvider> defaultIdentity) {
        // getIfAvailable, not getIfUnique: two candidates fail the start rather than silently fall back to the chain.
        this(defaultIdentity.getIfAvailable());
    }

    /**
     * Creates the provider of one of a tenant's targets, checking at startup that a named AWS config profile exists.
     *
     * @param region region for STS calls when a role is assumed
     * @throws IllegalStateException naming the tenant and property when the configuration cannot work
     */
    public TenantCredentials create(AwsTarget target, Region region) {
        Aws aws = target.identity();
        if (aws.profile() != null) {
            Profile profile = profile(target, aws.profile(), "profile");
            boolean sso = profile.property("sso_session").isPresent()
                    || profile.property("sso_start_url").isPresent();
            return new TenantCredentials(
                    "AWS config profile '" + aws.profile() + "'",
                    sso
                            ? "run `aws sso login --profile " + aws.profile() + "` on the gateway host"
                            : "check the AWS config profile '" + aws.profile() + "' on the gateway host",
                    () -> ProfileCredentialsProvider.builder()
                            .profileName(aws.profile())
                            .build());
        }
        if (aws.roleArn() != null) {
            if (aws.sourceProfile() != null) {
                profile(target, aws.sourceProfile(), "source-profile");
            }
            return new TenantCredentials(
                    "role " + aws.roleArn(),
                    "check that the gateway's own identity may assume " + aws.roleArn(),
                    () -> assumeRole(target.tenantId(), aws, region));
        }
        return new TenantCredentials(
                defaultIdentity == null ? "the default AWS credentials chain" : "the application's AWS credentials",
                "check the gateway's AWS credentials (environment, web identity, container or instance role)",
                this::defaultIdentity);
    }

    /**
     * A fresh default chain, or the application's provider behind a view that refreshing and closing a tenant's
     * credentials cannot close.
     */
    private AwsCredentialsProvider defaultIdentity() {
        AwsCredentialsProvider shared = defaultIdentity;
        return shared == null ? DefaultCredentialsProvider.builder().build() : shared::resolveCredentials;
    }

    private AwsCredentialsProvider assumeRole(String tenantId, Aws aws, Region region) {
        AwsCredentialsProvider source = aws.sourceProfile() != null
                ? ProfileCredentialsProvider.builder()
                        .profileName(aws.sourceProfile())
                        .build()
                : defaultIdentity();
        StsClient sts =
                StsClient.builder().region(region).credentialsProvider(source).build();
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(true)
                .refreshRequest(request -> request.roleArn(aws.roleArn())
                        .roleSessionName(Objects.requireNonNullElse(aws.sessionName(), "bedrock-gateway-" + tenantId))
                        .externalId(aws.externalId()))
                .build();
        return new ClosingAssumeRoleProvider(provider, sts);
    }

    private static Profile profile(AwsTarget target, String name, String property) {
        return ProfileFile.defaultProfileFile()
                .profile(name)
                .orElseThrow(
                        () -> new IllegalStateException(
                                target.property() + "." + property + ": no AWS config profile '" + name
                                        + "' in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config, ~/.aws/credentials)"));
    }
}
