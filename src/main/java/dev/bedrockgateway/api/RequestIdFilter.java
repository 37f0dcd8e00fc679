package dev.bedrockgateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an ID: the caller's {@code x-request-id} when it is a safe token, otherwise a new
 * UUID. The ID goes back in {@code x-request-id} (and {@code x-amzn-RequestId}, which AWS SDKs read, and
 * {@code request-id}, which Anthropic SDKs read), into
 * the log context, and to the error renderer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    // Anything else (long values, spaces, control characters) could forge log lines, so it is replaced.
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getHeader(GatewayHeaders.REQUEST_ID);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            id = RandomIds.uuid();
        }
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(GatewayHeaders.REQUEST_ID, id);
        response.setHeader(GatewayHeaders.AMZN_REQUEST_ID, id);
        response.setHeader(GatewayHeaders.ANTHROPIC_REQUEST_ID, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The ID given to this request, or a new one if the filter did not run. */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : RandomIds.uuid();
    }
}
