package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.limits.InFlightLimit;
import dev.bedrockgateway.limits.SchedulingLag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load-shedding filter holds a place for each chat call until its response is complete, streams included, and
 * sheds calls past the replica's limit with 503, {@code Retry-After} and the route's own error style, before the
 * call goes any further. Other paths are never shed.
 */
class LoadSheddingFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RouteTable routes = FakeApiStyle.routeTable();
    private final InFlightLimit limit = limit(1);
    /** A lag limit of 50 ms, probing only where a test starts it. */
    private final SchedulingLag lag = new SchedulingLag(Duration.ofMillis(50), new SimpleMeterRegistry());

    private final LoadSheddingFilter filter = new LoadSheddingFilter(
            limit, lag, routes, new ErrorResponses(routes, JSON, ApiPropertiesDefaults.DEFAULTS));

    @Test
    void aCallWithinTheLimitGoesOnAndFreesItsPlaceWhenItEnds() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        List<Integer> inFlightDuring = new java.util.ArrayList<>();

        filter.doFilter(
                post("/v1/chat/completions"),
                new MockHttpServletResponse(),
                (request, response) -> inFlightDuring.add(limit.inFlight()));

        assertThat(inFlightDuring).containsExactly(1);
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void whileTheServerRunsRequestsLateACallIsShedWith503EvenWithPlacesFree() throws Exception {
        lag.probe(task -> {
            // A saturated server: the probe never runs.
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> lag.currentMillis() > 50);
        MockHttpServletRequest request = post("/v1/chat/completions");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);
        lag.destroy();

        assertThat(chain.getRequest()).as("the call went no further").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("ms late (its CPU is saturated)");
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void pastTheLimitACallIsShedWith503AndRetryAfterInTheRoutesStyle() throws Exception {
        limit.tryAcquire();
        MockHttpServletRequest request = post("/model/m/converse-stream");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("the call went no further").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("x-style")).isEqualTo("bedrock-wire");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getHeader("retry-after-ms")).isEqualTo("1000");
        assertThat(response.getContentAsString()).contains("at its limit of 1 calls in flight");
        assertThat(request.getAttribute(LoadSheddingFilter.SHED_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
        assertThat(limit.inFlight()).as("the shed call holds no place").isEqualTo(1);
    }

    @Test
    void aStreamHoldsItsPlaceUntilItsResponseIsComplete() throws Exception {
        MockHttpServletRequest request = post("/v1/chat/completions");
        request.setAsyncSupported(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> req.startAsync());

        assertThat(limit.inFlight()).isEqualTo(1);
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        for (AsyncListener listener : async.getListeners()) {
            listener.onComplete(new AsyncEvent(async));
            listener.onComplete(new AsyncEvent(async));
        }
        assertThat(limit.inFlight())
                .as("freed once, however often completion is told")
                .isZero();
    }

    @Test
    void aStreamWhoseCallerWentAwayFreesItsPlace() throws Exception {
        MockHttpServletRequest request = post("/model/m/converse-stream");
        request.setAsyncSupported(true);

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        for (AsyncListener listener : async.getListeners()) {
            listener.onError(new AsyncEvent(async, new java.io.IOException("Broken pipe")));
        }

        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void healthModelsAndOtherPathsAreNeverShed() throws Exception {
        limit.tryAcquire();
        for (MockHttpServletRequest request :
                List.of(get("/actuator/health"), get("/v1/models"), get("/v1/usage"), post("/model/m/invoke"))) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(request.getRequestURI()).isSameAs(request);
        }
    }

    private static InFlightLimit limit(int max) {
        try {
            return BeanUtils.instantiateClass(
                    InFlightLimit.class.getDeclaredConstructor(
                            int.class, io.micrometer.core.instrument.MeterRegistry.class),
                    max,
                    new SimpleMeterRegistry());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }

    private static MockHttpServletRequest get(String path) {
        return new MockHttpServletRequest("GET", path);
    }
}
