package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Tells the caller of a chat call, answered or failed, how many attempts Bedrock was sent
 * ({@code x-gateway-attempts}); together with {@code x-gateway-bedrock-model-id} it says who answered after
 * retries and fallbacks. One place for every surface's JSON answers and errors; streams set it when they commit.
 */
@ControllerAdvice
class AttemptsHeaderAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            write(servlet.getServletRequest(), response);
        }
        return body;
    }

    private static void write(HttpServletRequest request, ServerHttpResponse response) {
        if (request.getAttribute(CallRecordingFilter.CALL_ATTRIBUTE) instanceof ChatCall call && call.attempts() > 0) {
            response.getHeaders().set(GatewayHeaders.ATTEMPTS, Integer.toString(call.attempts()));
        }
    }
}
