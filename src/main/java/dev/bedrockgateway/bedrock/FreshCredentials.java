package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.AwsTarget;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one blocking call with a tenant's client. When Bedrock rejects the tenant's credentials (expired or
 * revoked temporary credentials), they are rebuilt and the call is retried once; if that fails too, the caller
 * learns which credential source an operator should fix. Any other failure is classified for the caller.
 */
final class FreshCredentials {

    private static final Logger log = LoggerFactory.getLogger(FreshCredentials.class);

    private FreshCredentials() {}

    static <T> T send(
            AwsTarget target,
            TenantBedrockClients.TenantClient client,
            Function<TenantBedrockClients.TenantClient, T> call) {
        try {
            return call.apply(client);
        } catch (RuntimeException failure) {
            TenantCredentials credentials = client.credentials();
            if (!BedrockErrors.isCredentialFailure(failure)) {
                throw BedrockErrors.classify(failure);
            }
            log.warn(
                    "Bedrock rejected the credentials of tenant '{}' ({}); refreshing them and retrying once",
                    target.tenantId(),
                    credentials.source());
            credentials.refresh();
            try {
                return call.apply(client);
            } catch (RuntimeException retryFailure) {
                throw BedrockErrors.isCredentialFailure(retryFailure)
                        ? credentialError(target, credentials, retryFailure)
                        : BedrockErrors.classify(retryFailure);
            }
        }
    }

    private static GatewayException credentialError(
            AwsTarget target, TenantCredentials credentials, Throwable failure) {
        return new GatewayException(
                ErrorKind.PERMISSION_DENIED,
                "The gateway's AWS credentials for tenant '"
                        + target.tenantId() + "' (" + credentials.source() + ") were refused or could not be loaded: "
                        + BedrockErrors.classify(failure).getMessage() + ". An operator should " + credentials.fixHint()
                        + ".",
                null,
                null);
    }
}
