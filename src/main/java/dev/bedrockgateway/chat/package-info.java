/**
 * The gateway's core: one Converse-shaped chat model that every API surface translates to and from,
 * the {@link dev.bedrockgateway.chat.ChatService} that routes and sends it, and the error vocabulary
 * shared by all surfaces.
 */
@NullMarked
package dev.bedrockgateway.chat;

import org.jspecify.annotations.NullMarked;
