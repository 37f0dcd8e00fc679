package dev.bedrockgateway.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.chat.InvokeService;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;

/**
 * A streamed answer is committed only at its first event, so an error before it is thrown for the normal error
 * response; after it, every event is written as it comes, and the encoder's end or error bytes finish the stream.
 * A caller that goes away cancels the upstream stream and the call is marked cancelled; silence gets keep-alive
 * comments. The response is written by Spring MVC's own {@link ResponseBodyEmitterReturnValueHandler} onto mock
 * servlet objects, as it would be for the controller.
 */
class StreamingResponsesTest {

    private static final Tenant ACME =
            new Tenant("acme", null, Set.of(), List.of(), List.of(), new Aws(null, null, null, null, null, null));
    private static final ChatRequest REQUEST =
            new ChatRequest("haiku", List.of(), List.of(), null, null, null, List.of(), Map.of(), null, null);
    private static final ChatStreamEvent START = new ChatStreamEvent.MessageStart(Role.ASSISTANT);
    private static final ChatStreamEvent DELTA =
            new ChatStreamEvent.ContentBlockDelta(0, ChatStreamEvent.ContentBlockDelta.Delta.text("Hi"));
    private static final GatewayException THROTTLED = new GatewayException(ErrorKind.RATE_LIMITED, "Slow down");

    private final ChatService chatService = mock(ChatService.class);
    private final ChatCall call = new ChatCall(ACME, System.nanoTime());
    private final FakeStream upstream = new FakeStream();
    private final CompletableFuture<ChatStreamListener> relay = new CompletableFuture<>();
    private final ExecutorService requestThread = Executors.newSingleThreadExecutor();
    private final MockHttpServletRequest servletRequest = new MockHttpServletRequest("POST", "/v1/chat/completions");
    private final MockHttpServletResponse servletResponse = new MockHttpServletResponse();
    private final ServletWebRequest webRequest = new ServletWebRequest(servletRequest, servletResponse);
    private StreamingResponses streaming = streaming(Duration.ofHours(1));

    @BeforeEach
    void answerWithAStreamWhoseEventsTheTestSends() {
        when(chatService.converseStream(same(call), same(REQUEST), any())).thenAnswer(invocation -> {
            relay.complete(invocation.getArgument(2));
            return upstream;
        });
        servletRequest.setAsyncSupported(true);
        WebAsyncUtils.getAsyncManager(webRequest)
                .setAsyncWebRequest(new StandardServletAsyncWebRequest(servletRequest, servletResponse));
    }

    @AfterEach
    void stopThreads() {
        streaming.destroy();
        requestThread.shutdownNow();
    }

    @Test
    void commitsTheResponseOnlyAtTheFirstEventWithTheStreamsHeaders() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        ChatStreamListener listener = relay.get(5, SECONDS);
        assertThat(response).isNotDone();

        listener.onEvent(START);
        ResponseEntity<ResponseBodyEmitter> entity = response.get(5, SECONDS);

        assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThat(entity.getHeaders().getFirst("Cache-Control")).isEqualTo("no-cache");
        assertThat(entity.getHeaders().getFirst("X-Accel-Buffering")).isEqualTo("no");
        assertThat(entity.getHeaders().getFirst(GatewayHeaders.BEDROCK_MODEL_ID))
                .isEqualTo(FakeStream.MODEL_ID);
    }

    @Test
    void writesEachEventAsItArrivesAndTheEncodersEndBytesOnComplete() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        ChatStreamListener listener = relay.get(5, SECONDS);
        listener.onEvent(START);
        write(response.get(5, SECONDS));
        assertThat(body()).isEqualTo("event:messageStart\n");

        listener.onEvent(DELTA);
        assertThat(body()).isEqualTo("event:messageStart\nevent:contentBlockDelta\n");
        assertThat(ended()).isFalse();
        listener.onComplete();

        assertThat(body()).isEqualTo("event:messageStart\nevent:contentBlockDelta\nend\n");
        assertThat(ended()).isTrue();
        assertThat(servletResponse.getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
    }

    @Test
    void aStreamsResponseKeepsABufferOfAnEventOrTwoNotTheContainersDefault() throws Exception {
        int containerDefault = servletResponse.getBufferSize();
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        relay.get(5, SECONDS).onEvent(START);

        write(response.get(5, SECONDS));

        assertThat(containerDefault).isGreaterThan(StreamingResponses.STREAM_BUFFER_BYTES);
        assertThat(servletResponse.getBufferSize()).isEqualTo(StreamingResponses.STREAM_BUFFER_BYTES);
    }

    @Test
    void answersAStreamThatCompletesWithoutEventsWithJustTheEndBytes() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();

        relay.get(5, SECONDS).onComplete();
        write(response.get(5, SECONDS));

        assertThat(servletResponse.getStatus()).isEqualTo(200);
        assertThat(body()).isEqualTo("end\n");
        assertThat(ended()).isTrue();
    }

    @Test
    void throwsAnErrorBeforeTheFirstEventAsTheGatewayExceptionItself() {
        // As the backend does when it cannot even start the call: the error arrives before converseStream returns.
        when(chatService.converseStream(same(call), same(REQUEST), any())).thenAnswer(invocation -> {
            invocation.<ChatStreamListener>getArgument(2).onError(THROTTLED);
            return upstream;
        });

        Throwable thrown = catchThrowable(() -> streaming.stream(call, REQUEST, new TestEncoder()));

        assertThat(thrown).isSameAs(THROTTLED);
    }

    @Test
    void endsAStartedStreamWithTheEncodersErrorBytes() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        ChatStreamListener listener = relay.get(5, SECONDS);
        listener.onEvent(START);
        write(response.get(5, SECONDS));

        listener.onError(THROTTLED);

        assertThat(body()).isEqualTo("event:messageStart\nerror:RATE_LIMITED:Slow down\n");
        assertThat(ended()).isTrue();
        assertThat(servletResponse.getStatus()).isEqualTo(200);
    }

    @Test
    void cancelsTheUpstreamStreamAndMarksTheCallCancelledWhenTheCallerGoesAway() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        relay.get(5, SECONDS).onEvent(START);
        write(response.get(5, SECONDS));

        asyncListeners().forEach(listener -> tell(listener::onError, new IOException("Broken pipe")));

        assertThat(upstream.cancelled).isTrue();
        assertThat(call.cancelled()).isTrue();
    }

    @Test
    void cancelsTheUpstreamStreamWithoutBlamingTheCallerWhenTheResponseTimesOut() throws Exception {
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        relay.get(5, SECONDS).onEvent(START);
        write(response.get(5, SECONDS));

        asyncListeners().forEach(listener -> tell(listener::onTimeout, null));

        assertThat(upstream.cancelled).isTrue();
        assertThat(call.cancelled()).isFalse();
    }

    @Test
    void writesKeepAliveCommentsWhileTheModelIsSilent() throws Exception {
        streaming.destroy();
        streaming = streaming(Duration.ofMillis(5));
        CompletableFuture<ResponseEntity<ResponseBodyEmitter>> response = start();
        relay.get(5, SECONDS).onEvent(START);
        write(response.get(5, SECONDS));

        await().atMost(Duration.ofSeconds(5)).until(() -> body().contains(": keep-alive\n\n"));

        assertThat(body()).startsWith("event:messageStart\n");
    }

    private StreamingResponses streaming(Duration keepAlive) {
        return new StreamingResponses(
                chatService,
                mock(InvokeService.class),
                new ApiProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), keepAlive));
    }

    /** Calls the service on a request thread of its own: it blocks there until the first event. */
    private CompletableFuture<ResponseEntity<ResponseBodyEmitter>> start() {
        return CompletableFuture.supplyAsync(() -> streaming.stream(call, REQUEST, new TestEncoder()), requestThread);
    }

    /** What Spring MVC does with the controller's return value: headers, then the emitter's bytes as they come. */
    private void write(ResponseEntity<ResponseBodyEmitter> entity) throws Exception {
        MethodParameter returnType = new MethodParameter(
                StreamingResponses.class.getMethod("stream", ChatCall.class, ChatRequest.class, StreamEncoder.class),
                -1);
        new ResponseBodyEmitterReturnValueHandler(List.of(new ByteArrayHttpMessageConverter()))
                .handleReturnValue(entity, returnType, new ModelAndViewContainer(), webRequest);
    }

    private String body() throws IOException {
        return servletResponse.getContentAsString(StandardCharsets.UTF_8);
    }

    /** Whether the emitter completed, which hands the request back to the container. */
    private boolean ended() {
        return WebAsyncUtils.getAsyncManager(webRequest).hasConcurrentResult();
    }

    /** The servlet container's view: the listeners it tells when the connection fails or the request times out. */
    private List<AsyncListener> asyncListeners() {
        return List.copyOf(((MockAsyncContext) servletRequest.getAsyncContext()).getListeners());
    }

    private void tell(AsyncCallback callback, Throwable failure) {
        try {
            callback.accept(new AsyncEvent(servletRequest.getAsyncContext(), failure));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private interface AsyncCallback {
        void accept(AsyncEvent event) throws IOException;
    }

    /** Writes each event as its type on a line, so the test can read the stream back. */
    private static final class TestEncoder implements StreamEncoder {

        @Override
        public MediaType contentType() {
            return MediaType.TEXT_EVENT_STREAM;
        }

        @Override
        public List<byte[]> encode(ChatStreamEvent event) {
            return List.of(utf8("event:" + event.eventType() + "\n"));
        }

        @Override
        public List<byte[]> end() {
            return List.of(utf8("end\n"));
        }

        @Override
        public byte[] error(GatewayException error) {
            return utf8("error:" + error.kind() + ":" + error.getMessage() + "\n");
        }

        @Override
        public byte[] keepAlive() {
            return StreamEncoder.sseKeepAlive();
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class FakeStream implements ChatStream {

        static final String MODEL_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
        private volatile boolean cancelled;

        @Override
        public String bedrockModelId() {
            return MODEL_ID;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
