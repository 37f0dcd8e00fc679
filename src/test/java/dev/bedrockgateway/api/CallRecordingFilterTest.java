package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.observability.AccessLog;
import dev.bedrockgateway.observability.CallRecord;
import dev.bedrockgateway.observability.GatewayMetrics;
import dev.bedrockgateway.observability.Outcome;
import dev.bedrockgateway.routing.RoutingRule;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The call recording filter hands exactly one {@link CallRecord} per chat call to metrics and the access log, built
 * from what the {@link ChatCall} learned (or, for calls refused before a handler, from the request), under the route's
 * tag or the one a handler set; streams are recorded when their async cycle completes, and a connection error on the
 * way marks the call cancelled. Requests that are not chat calls are not recorded.
 */
class CallRecordingFilterTest {

    private static final Tenant ACME =
            new Tenant("acme", null, Set.of(), List.of(), List.of(), new Aws(null, null, null, null, null, null));
    private static final TokenUsage USAGE = new TokenUsage(10, 5, 15, null, null);

    private final GatewayMetrics metrics = mock(GatewayMetrics.class);
    private final AccessLog accessLog = mock(AccessLog.class);
    private final Tracer tracer = mock(Tracer.class);
    private final CallRecordingFilter filter = filter(new StaticListableBeanFactory().getBeanProvider(Tracer.class));
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void recordsOneCallWithWhatTheChatCallLearned() throws Exception {
        MockHttpServletRequest request = post("/gw/v1/chat/completions");
        request.setContextPath("/gw");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-1");
        ChatCall call = mock(ChatCall.class);
        when(call.tenant()).thenReturn(ACME);
        when(call.stream()).thenReturn(true);
        when(call.requestedModel()).thenReturn("haiku");
        when(call.bedrockModelId()).thenReturn("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        when(call.rules()).thenReturn(Set.of(RoutingRule.ALIAS, RoutingRule.GEOGRAPHY));
        when(call.usage()).thenReturn(USAGE);
        when(call.firstTokenNanos()).thenReturn(System.nanoTime() + 1_000_000);

        filter.doFilter(request, response, handler(call, 200));

        CallRecord record = recorded();
        long start = (long) request.getAttribute(CallRecordingFilter.START_ATTRIBUTE);
        assertThat(record.requestId()).isEqualTo("req-1");
        assertThat(record.method()).isEqualTo("POST");
        assertThat(record.path()).isEqualTo("/v1/chat/completions");
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.tenant()).isEqualTo("acme");
        assertThat(record.api()).isEqualTo("openai");
        assertThat(record.stream()).isTrue();
        assertThat(record.requestedModel()).isEqualTo("haiku");
        assertThat(record.bedrockModelId()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(record.rules()).containsExactlyInAnyOrder(RoutingRule.ALIAS, RoutingRule.GEOGRAPHY);
        assertThat(record.usage()).isEqualTo(USAGE);
        assertThat(record.timeToFirstTokenNanos()).isEqualTo(call.firstTokenNanos() - start);
        assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(record.upstreamErrorType()).isNull();
        assertThat(record.traceId()).isNull();
    }

    @Test
    void recordsACallThatFailedUpstreamWithBedrocksErrorType() throws Exception {
        ChatCall failed = mock(ChatCall.class);
        when(failed.tenant()).thenReturn(ACME);
        when(failed.failure())
                .thenReturn(new GatewayException(ErrorKind.RATE_LIMITED, "Slow down", null, "ThrottlingException"));

        filter.doFilter(post("/model/x/converse"), response, handler(failed, 429));

        CallRecord record = recorded();
        assertThat(record.outcome()).isEqualTo(Outcome.THROTTLED);
        assertThat(record.upstreamErrorType()).isEqualTo("ThrottlingException");
        assertThat(record.api()).isEqualTo("bedrock-wire");
        assertThat(record.timeToFirstTokenNanos()).isEqualTo(-1);
    }

    @Test
    void recordsACallRefusedBeforeAnyHandlerUnderTenantNone() throws Exception {
        filter.doFilter(post("/model/x/converse-stream"), response, (req, res) -> response.setStatus(401));

        CallRecord record = recorded();
        assertThat(record.tenant()).isEqualTo("none");
        assertThat(record.status()).isEqualTo(401);
        assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(record.api()).isEqualTo("bedrock-wire");
        assertThat(record.requestedModel()).isNull();
        assertThat(record.timeToFirstTokenNanos()).isEqualTo(-1);
    }

    @Test
    void recordsTheAuthenticatedTenantOfACallNoHandlerTook() throws Exception {
        filter.doFilter(post("/v1/chat/completions"), response, (req, res) -> {
            req.setAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE, ACME);
            response.setStatus(400);
        });

        assertThat(recorded().tenant()).isEqualTo("acme");
    }

    @Test
    void recordsUnderTheTagAHandlerSet() throws Exception {
        MockHttpServletRequest request = post(RouteTable.CHAT);

        filter.doFilter(request, response, (req, res) -> RouteTable.tag(request, "converse"));

        assertThat(recorded().api()).isEqualTo("converse");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /v1/chat/completions", "POST, /v1/models", "POST, /other", "GET, /actuator/health"})
    void doesNotRecordRequestsThatAreNotChatCalls(String method, String path) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest(method, path), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        verifyNoInteractions(metrics, accessLog);
    }

    @Test
    void recordsAStreamOnceWhenItsSecondAsyncCycleCompletes() throws Exception {
        MockHttpServletRequest request = asyncCapable(post("/v1/chat/completions"));

        filter.doFilter(request, response, (req, res) -> req.startAsync());
        verifyNoInteractions(metrics, accessLog);
        MockAsyncContext first = (MockAsyncContext) request.getAsyncContext();
        // The container starts the stream's second cycle and tells the first cycle's listeners.
        MockAsyncContext second = (MockAsyncContext) request.startAsync();
        for (AsyncListener listener : List.copyOf(first.getListeners())) {
            listener.onStartAsync(new AsyncEvent(second, request, response));
        }
        response.setStatus(200);
        second.complete();

        assertThat(recorded().status()).isEqualTo(200);
    }

    @Test
    void marksTheCallCancelledWhenTheConnectionFailsDuringAStream() throws Exception {
        MockHttpServletRequest request = asyncCapable(post("/v1/chat/completions"));
        ChatCall call = new ChatCall(ACME, System.nanoTime());

        filter.doFilter(request, response, (req, res) -> {
            req.setAttribute(CallRecordingFilter.CALL_ATTRIBUTE, call);
            req.startAsync();
        });
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        for (AsyncListener listener : List.copyOf(async.getListeners())) {
            listener.onError(new AsyncEvent(async, new IOException("Broken pipe")));
        }
        async.complete();

        assertThat(call.cancelled()).isTrue();
        assertThat(recorded().outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void keepsTheTraceIdOfTheRequestThreadForAStreamThatEndsElsewhere() throws Exception {
        Span span = mock(Span.class);
        TraceContext context = mock(TraceContext.class);
        when(tracer.currentSpan()).thenReturn(span);
        when(span.context()).thenReturn(context);
        when(context.traceId()).thenReturn("4bf92f3577b34da6a3ce929d0e0e4736");
        CallRecordingFilter traced =
                filter(new StaticListableBeanFactory(Map.of("tracer", tracer)).getBeanProvider(Tracer.class));
        MockHttpServletRequest request = asyncCapable(post("/v1/chat/completions"));

        traced.doFilter(request, response, (req, res) -> req.startAsync());
        when(tracer.currentSpan()).thenReturn(null);
        request.getAsyncContext().complete();

        assertThat(recorded().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    private CallRecordingFilter filter(ObjectProvider<Tracer> tracers) {
        return new CallRecordingFilter(metrics, accessLog, FakeApiStyle.routeTable(), tracers);
    }

    /** The one record, checked to have gone to both metrics and the access log. */
    private CallRecord recorded() {
        ArgumentCaptor<CallRecord> record = ArgumentCaptor.forClass(CallRecord.class);
        verify(metrics).record(record.capture());
        verify(accessLog).write(record.getValue());
        return record.getValue();
    }

    /** A handler that took the call and answered with a status. */
    private FilterChain handler(ChatCall call, int status) {
        return (req, res) -> {
            req.setAttribute(CallRecordingFilter.CALL_ATTRIBUTE, call);
            response.setStatus(status);
        };
    }

    private static MockHttpServletRequest asyncCapable(MockHttpServletRequest request) {
        request.setAsyncSupported(true);
        return request;
    }

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }
}
