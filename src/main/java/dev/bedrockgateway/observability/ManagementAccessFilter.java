package dev.bedrockgateway.observability;

import dev.bedrockgateway.tenant.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps management endpoints other than health closed on the API port: metrics name tenants and models, and
 * {@code info} names the build. They open with {@code gateway.management.token} as a bearer token, or on a
 * developer's machine with {@code gateway.management.open-on-api-port}. Not involved when
 * {@code management.server.port} puts them on a port of their own, as in Kubernetes.
 */
@Component
class ManagementAccessFilter extends OncePerRequestFilter {

    private final ManagementProperties properties;
    private final boolean separatePort;

    ManagementAccessFilter(
            ManagementProperties properties,
            @Value("${server.port:8080}") String serverPort,
            @Value("${management.server.port:}") String managementPort) {
        this.properties = properties;
        this.separatePort = !managementPort.isBlank() && !managementPort.equals(serverPort);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return separatePort
                || properties.openOnApiPort()
                || !path.startsWith("/actuator")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = properties.token();
        String presented = bearer(request.getHeader("Authorization"));
        if (token != null && !token.isBlank() && presented != null && ApiKeys.matches(presented, token)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream()
                .write(("{\"error\":\"Management endpoints other than health need "
                                + "gateway.management.token as a bearer token on this port, or management.server.port\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = authorization.substring(7).strip();
        return value.isEmpty() ? null : value;
    }
}
