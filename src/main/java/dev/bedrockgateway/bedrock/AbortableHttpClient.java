package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.BlockingCalls;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The blocking HTTP client of non-streaming Bedrock calls, whose request in flight can be aborted from another
 * thread. The SDK's synchronous clients abort a request only on their own timeouts, and a platform thread blocked on
 * a socket read ignores interrupts, so the request each thread is executing is kept (by thread, for the length of
 * the exchange) where {@link #abort} finds it. Aborting closes the request's connection, which ends the blocked read
 * at once.
 */
final class AbortableHttpClient implements SdkHttpClient, BlockingCalls {

    private final SdkHttpClient delegate;
    private final Map<Thread, ExecutableHttpRequest> inFlight = new ConcurrentHashMap<>();

    AbortableHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                Thread thread = Thread.currentThread();
                inFlight.put(thread, prepared);
                try {
                    return prepared.call();
                } finally {
                    inFlight.remove(thread, prepared);
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public void abort(Thread waiting) {
        ExecutableHttpRequest request = inFlight.get(waiting);
        if (request != null) {
            request.abort();
        }
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
