/**
 * Stored conversations of the OpenAI Responses API ({@code store}, {@code previous_response_id}): a bounded store in
 * memory, or in Redis when the limits store is Redis so that any replica can continue a conversation. Each entry
 * belongs to one tenant and is found only under that tenant's ID.
 */
@NullMarked
package dev.bedrockgateway.conversation;

import org.jspecify.annotations.NullMarked;
