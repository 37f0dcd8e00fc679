/**
 * Images named by URL: inline {@code data:} URLs decoded, remote ones fetched only from hosts an operator
 * allows, never from addresses inside the network the gateway runs in.
 */
@NullMarked
package dev.bedrockgateway.media;

import org.jspecify.annotations.NullMarked;
