/**
 * The gateway's core: one Converse-shaped chat model that every API surface translates to and from, and
 * the {@link dev.bedrockgateway.chat.ChatService} that checks the tenant, routes and sends it. It imports no web
 * type and no surface.
 */
@NullMarked
package dev.bedrockgateway.chat;

import org.jspecify.annotations.NullMarked;
