/**
 * Model routing: turns the model name a caller wrote into the model ID Bedrock accepts, using the
 * model catalog of foundation models and the geographies whose inference profiles serve them.
 */
@NullMarked
package dev.bedrockgateway.routing;

import org.jspecify.annotations.NullMarked;
