package dev.bedrockgateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.error.GatewayException;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's error body: {@code {"error":{"message","type","param","code"}}}.
 *
 * @param error the error
 */
public record OpenAiError(Detail error) {

    /** The error body for a classified failure. */
    public static OpenAiError of(GatewayException exception) {
        return new OpenAiError(new Detail(
                exception.getMessage(),
                exception.kind().openAiType(),
                exception.param(),
                exception.code() != null ? exception.code() : exception.upstreamErrorType()));
    }

    /**
     * The error's fields; {@code param} and {@code code} are written as null when unknown, as OpenAI does.
     *
     * @param message what went wrong, for a person
     * @param type the error class, e.g. {@code invalid_request_error}
     * @param param the request field at fault
     * @param code the gateway's own code for its own refusals ({@code tenant_rate_limited}, {@code overloaded},
     *     ...), else Bedrock's exception name for upstream errors
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(
            String message,
            String type,
            @Nullable String param,
            @Nullable String code) {}
}
