package dev.bedrockgateway.api;

import dev.bedrockgateway.chat.BlockingCalls;
import dev.bedrockgateway.chat.ChatCall;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Cancels a non-streaming call whose caller goes away while it waits on Bedrock, instead of letting Bedrock's answer
 * (and its tokens) run to the end for nobody. Streams notice on their own, at their next write.
 *
 * <p>A blocked request thread writes nothing, so nothing tells the server that the caller left: Jetty reads an
 * HTTP/1.1 connection only for a request's body, and notices a close only at the next read or write. So the watch
 * asks to be told when the connection becomes readable while the call waits: the caller's close (end of input), or,
 * rarely, the first byte of a pipelined request, which is then taken, so the connection ends after this answer and a
 * pipelining client sends it again, as HTTP/1.1 lets it. HTTP/2 needs none of this: a stream reset fails the request,
 * which the watch also hears. On the caller's departure the call is marked cancelled (no retry, no fallback follow),
 * the Bedrock request it waits on is aborted ({@link BlockingCalls}) and its thread interrupted (a backoff ends).
 */
@Component
public class CallerWatch {

    private final BlockingCalls calls;

    CallerWatch(BlockingCalls calls) {
        this.calls = calls;
    }

    /** Runs a non-streaming call on this (the request's) thread, cancelling it if its caller goes away meanwhile. */
    public <T> T during(ChatCall call, Supplier<T> work) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        ServletContextRequest request = attributes instanceof ServletRequestAttributes servlet
                ? ServletContextRequest.getServletContextRequest(servlet.getRequest())
                : null;
        if (request == null) {
            return work.get();
        }
        Watch watch = new Watch(call, Thread.currentThread());
        watch.start(request);
        try {
            return work.get();
        } finally {
            watch.stop();
        }
    }

    /** One call's watch, from before it is sent until it returns. */
    private final class Watch implements Callback {

        private final ChatCall call;
        private final Thread thread;
        private @Nullable EndPoint endPoint;
        private @Nullable HttpConnection connection;
        // Guarded by this: a readable connection, a failure and the end of the call may race.
        private boolean active = true;
        private boolean fired;

        Watch(ChatCall call, Thread thread) {
            this.call = call;
            this.thread = thread;
        }

        void start(Request request) {
            // HTTP/2 resets, idle timeouts, a stopping server: Jetty fails the request itself.
            request.addFailureListener(failure -> gone());
            if (request.getConnectionMetaData().getConnection() instanceof HttpConnection http1
                    && http1.getEndPoint().tryFillInterested(this)) {
                connection = http1;
                endPoint = http1.getEndPoint();
            }
        }

        /** The connection is readable: the caller closed it, or sent the next request. */
        @Override
        public synchronized void succeeded() {
            EndPoint readable = endPoint;
            HttpConnection http1 = connection;
            if (!active || readable == null || http1 == null) {
                return;
            }
            try {
                ByteBuffer one = BufferUtil.allocate(1);
                int read = readable.fill(one);
                if (read < 0) {
                    gone();
                } else if (read > 0) {
                    http1.getGenerator().setPersistent(false);
                } else {
                    readable.tryFillInterested(this);
                }
            } catch (IOException e) {
                gone();
            }
        }

        /** The interest was withdrawn when the call ended, or the connection failed (then the call's write fails). */
        @Override
        public void failed(Throwable cause) {
            // Nothing to do: see above.
        }

        private synchronized void gone() {
            if (!active || fired) {
                return;
            }
            fired = true;
            call.cancel();
            calls.abort(thread);
            thread.interrupt();
        }

        synchronized void stop() {
            active = false;
            if (endPoint instanceof AbstractEndPoint own && own.isFillInterested()) {
                // Withdrawn before the response completes: the connection reads the next request itself.
                own.getFillInterest().onFail(new CancellationException("call ended"));
            }
            if (fired) {
                // The interrupt was for this call; the thread goes on to serve others.
                Thread.interrupted();
            }
        }
    }
}
