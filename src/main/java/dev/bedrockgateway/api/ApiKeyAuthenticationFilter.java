package dev.bedrockgateway.api;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the caller's tenant from its API key, sent as {@code Authorization: Bearer <key>} (what OpenAI
 * SDKs send, and AWS SDKs with {@code AWS_BEARER_TOKEN_BEDROCK}) or {@code x-api-key: <key>}, on every API
 * path the {@link RouteTable} knows. A missing or unknown key gets 401 in the caller's format; the key itself is never logged or echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final TenantRegistry registry;
    private final RouteTable routes;
    private final ErrorResponses errors;

    ApiKeyAuthenticationFilter(TenantRegistry registry, RouteTable routes, ErrorResponses errors) {
        this.registry = registry;
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return routes.route(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Tenant> tenant;
        try {
            tenant = registry.authEnabled()
                    ? registry.authenticate(presentedKey(request))
                    : Optional.ofNullable(registry.anonymous());
        } catch (GatewayException e) {
            reject(request, response, e);
            return;
        }
        if (tenant.isEmpty()) {
            reject(request, response, new GatewayException(ErrorKind.UNAUTHENTICATED, "Invalid API key"));
            return;
        }
        request.setAttribute(TENANT_ATTRIBUTE, tenant.get());
        MDC.put("tenant", tenant.get().id());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("tenant");
        }
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)
                    && !value.substring(7).isBlank()) {
                return value.substring(7).strip();
            }
            if (value.toUpperCase(Locale.ROOT).startsWith("AWS4-HMAC-SHA256")) {
                throw new GatewayException(
                        ErrorKind.UNAUTHENTICATED,
                        "This gateway does not take AWS SigV4 "
                                + "signatures: send your gateway API key as a bearer token (AWS SDKs: set "
                                + "AWS_BEARER_TOKEN_BEDROCK to it)");
            }
            throw new GatewayException(
                    ErrorKind.UNAUTHENTICATED, "The Authorization header must be 'Bearer <API key>'");
        }
        String apiKey = request.getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.strip();
        }
        throw new GatewayException(
                ErrorKind.UNAUTHENTICATED,
                "Missing API key: send 'Authorization: Bearer <API key>' or 'x-api-key: <API key>'");
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, GatewayException error)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        errors.write(request, response, error);
    }
}
