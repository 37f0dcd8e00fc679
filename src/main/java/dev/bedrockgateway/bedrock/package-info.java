/**
 * The Bedrock calls: SDK clients built once at startup per tenant, and the mapping between the core chat model
 * and the AWS SDK's Converse types. With {@code bedrock.credentials}, the only place that touches AWS SDK types.
 */
@NullMarked
package dev.bedrockgateway.bedrock;

import org.jspecify.annotations.NullMarked;
