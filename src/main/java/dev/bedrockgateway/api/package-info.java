/**
 * What every API surface shares: the {@link dev.bedrockgateway.api.RouteTable} of API styles, the filters
 * (API key, request ID, body limit, call recording), the style-detecting {@code /v1/chat} endpoint, streaming,
 * and the one place that turns any failure into an error in the caller's format. It defines the interfaces each
 * style implements ({@link dev.bedrockgateway.api.ApiStyle}, {@link dev.bedrockgateway.api.ChatBodyStyle},
 * {@link dev.bedrockgateway.api.StreamEncoder}) and imports no style.
 */
@NullMarked
package dev.bedrockgateway.api;

import org.jspecify.annotations.NullMarked;
