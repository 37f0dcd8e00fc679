/**
 * The Bedrock Runtime calls: SDK clients built once at startup, and the mapping between the core chat
 * model and the AWS SDK's Converse types. Apart from tenant credentials, this is the only package that
 * touches AWS SDK types.
 */
@NullMarked
package dev.bedrockgateway.bedrock;

import org.jspecify.annotations.NullMarked;
