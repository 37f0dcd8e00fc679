package dev.bedrockgateway.bedrock.credentials;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** An assume-role provider that also closes the STS client it owns (the SDK provider leaves it open). */
final class ClosingAssumeRoleProvider implements AwsCredentialsProvider, SdkAutoCloseable {

    private final StsAssumeRoleCredentialsProvider provider;
    private final StsClient sts;

    ClosingAssumeRoleProvider(StsAssumeRoleCredentialsProvider provider, StsClient sts) {
        this.provider = provider;
        this.sts = sts;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    @Override
    public void close() {
        provider.close();
        sts.close();
    }
}
