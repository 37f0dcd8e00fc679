package dev.bedrockgateway.api;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

/** Runs code when an asynchronous request (a stream) ends, through every async cycle it goes through. */
final class AsyncEnd {

    private AsyncEnd() {}

    /**
     * Registers the callbacks on the request's async context; call only once {@code isAsyncStarted()}.
     *
     * @param onComplete runs once the response is complete
     * @param onError runs when the connection failed, e.g. the caller went away (completion follows)
     */
    static void listen(HttpServletRequest request, Runnable onComplete, Runnable onError) {
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                onComplete.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {}

            @Override
            public void onError(AsyncEvent event) {
                onError.run();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // A stream starts a second async cycle after the first dispatch; listeners must re-register.
                event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
            }
        });
    }
}
