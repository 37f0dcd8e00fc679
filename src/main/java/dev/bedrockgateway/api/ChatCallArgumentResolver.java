package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a chat controller its {@link ChatCall}: the authenticated tenant and the arrival time, kept on the request so {@link CallRecordingFilter} can read what the call learned.
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
        ChatCall call = new ChatCall(tenant, start);
        request.setAttribute(CallRecordingFilter.CALL_ATTRIBUTE, call);
        return call;
    }
}
