/**
 * Tenants: who is calling (found from the API key, compared in constant time against hashes) and what
 * they may use. An AWS config profile (who the gateway is when it calls Bedrock for a tenant) is not a
 * Bedrock inference profile (where the model runs); see {@code bedrock.credentials} for the former.
 */
@NullMarked
package dev.bedrockgateway.tenant;

import org.jspecify.annotations.NullMarked;
