package dev.bedrockgateway.api;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.InFlightLimit;
import dev.bedrockgateway.limits.SchedulingLag;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds chat calls past the replica's {@link InFlightLimit}, or while its CPU is saturated ({@link SchedulingLag}), with 503 and {@code Retry-After} in the caller's
 * format ({@code overloaded} on OpenAI surfaces, {@code ServiceUnavailableException} on the Bedrock wire),
 * before the body is read, so that a burst costs a full replica almost nothing. A place is held until the
 * response is complete, streams included. Health and management paths are never shed.
 */
@Component
// After call recording (shed calls are counted and logged), before authentication and body parsing.
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class LoadSheddingFilter extends OncePerRequestFilter {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    static final String SHED_ATTRIBUTE = LoadSheddingFilter.class.getName() + ".shed";

    private final InFlightLimit limit;
    private final SchedulingLag lag;
    private final RouteTable routes;
    private final ErrorResponses errors;

    LoadSheddingFilter(InFlightLimit limit, SchedulingLag lag, RouteTable routes, ErrorResponses errors) {
        this.limit = limit;
        this.lag = lag;
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !routes.isChatCall(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (lag.shedsNow()) {
            shed(
                    request,
                    response,
                    "This gateway replica runs requests " + lag.currentMillis()
                            + " ms late (its CPU is saturated); retry shortly");
            return;
        }
        if (!limit.tryAcquire()) {
            shed(
                    request,
                    response,
                    "This gateway replica is at its limit of " + limit.limit() + " calls in flight; retry shortly");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                limit.release();
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                AsyncEnd.listen(request, release, release);
            } else {
                release.run();
            }
        }
    }

    private void shed(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        request.setAttribute(SHED_ATTRIBUTE, Boolean.TRUE);
        errors.write(
                request, response, GatewayException.refused(ErrorKind.OVERLOADED, "overloaded", message, RETRY_AFTER));
    }
}
