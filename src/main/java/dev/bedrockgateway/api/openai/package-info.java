/**
 * The OpenAI Chat Completions surface: wire records, the two translators (OpenAI to core, core to
 * OpenAI) and the controllers of {@code /v1/chat/completions} and {@code /v1/models}.
 */
@NullMarked
package dev.bedrockgateway.api.openai;

import org.jspecify.annotations.NullMarked;
