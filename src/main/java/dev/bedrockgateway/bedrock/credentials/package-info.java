/**
 * Tenant credentials: the AWS identity the gateway uses for a tenant's Bedrock calls, from an AWS
 * config profile (static keys, role chains, credential_process, IAM Identity Center / SSO), a role
 * assumed with STS, or the default chain. With {@code bedrock}, the only package that touches AWS SDK types.
 */
@NullMarked
package dev.bedrockgateway.bedrock.credentials;

import org.jspecify.annotations.NullMarked;
