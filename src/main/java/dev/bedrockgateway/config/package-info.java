/** Application wiring that belongs to no single feature: the web server and the local simulator profile. */
@NullMarked
package dev.bedrockgateway.config;

import org.jspecify.annotations.NullMarked;
