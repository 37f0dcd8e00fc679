/** Application wiring that belongs to no single feature: the web server and OpenAPI. */
@NullMarked
package dev.bedrockgateway.config;

import org.jspecify.annotations.NullMarked;
