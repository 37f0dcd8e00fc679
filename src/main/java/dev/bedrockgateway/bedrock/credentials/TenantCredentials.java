package dev.bedrockgateway.bedrock.credentials;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One tenant's credentials provider, built once, that can be rebuilt when Bedrock rejects what it
 * returned (expired or revoked temporary credentials), so nothing stays cached broken. Resolving is a
 * volatile read plus the delegate's own cache: no lock on the request path.
 */
public final class TenantCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final String source;
    private final String fixHint;
    private final Supplier<AwsCredentialsProvider> factory;
    private volatile AwsCredentialsProvider delegate;

    TenantCredentials(String source, String fixHint, Supplier<AwsCredentialsProvider> factory) {
        this.source = source;
        this.fixHint = fixHint;
        this.factory = factory;
        this.delegate = factory.get();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return delegate.resolveCredentials();
    }

    /** Replaces the delegate with a fresh one, so the next call resolves credentials anew. */
    public void refresh() {
        AwsCredentialsProvider old = delegate;
        delegate = factory.get();
        closeQuietly(old);
    }

    /** Where the credentials come from, for messages: e.g. {@code AWS config profile 'rmit-sso'}. Never a secret. */
    public String source() {
        return source;
    }

    /** What an operator should do when these credentials are rejected. */
    public String fixHint() {
        return fixHint;
    }

    @Override
    public void close() {
        closeQuietly(delegate);
    }

    private static void closeQuietly(@Nullable AwsCredentialsProvider provider) {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only stops background refresh threads; a failure leaves nothing to clean up.
            }
        }
    }
}
