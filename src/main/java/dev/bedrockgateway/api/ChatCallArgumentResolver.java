package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a chat controller its {@link ChatCall}: the authenticated tenant and the arrival time, kept on the request
 * so {@link CallRecordingFilter} can read what the call learned, and a way to tell the caller its rate limits.
 */
class ChatCallArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ChatCall.class;
    }

    @Override
    public ChatCall resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class));
        if (!(request.getAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE) instanceof Tenant tenant)) {
            throw new GatewayException(ErrorKind.UNAUTHENTICATED, "Missing API key");
        }
        long start = request.getAttribute(CallRecordingFilter.START_ATTRIBUTE) instanceof Long nanos
                ? nanos
                : System.nanoTime();
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        ChatCall call = response == null
                ? new ChatCall(tenant, start)
                : new ChatCall(tenant, start, report -> RateLimitHeaders.write(response, report));
        request.setAttribute(CallRecordingFilter.CALL_ATTRIBUTE, call);
        return call;
    }
}
