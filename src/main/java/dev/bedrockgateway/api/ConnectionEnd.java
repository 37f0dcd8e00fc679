package dev.bedrockgateway.api;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends an HTTP/1.1 connection once the response in progress on it is complete, for a response whose headers are
 * already sent: after a stream that failed midway, Bedrock ends its connection the same way, and a pooled client
 * must not keep a socket the caller would wait on (Node's HTTP agent keeps a process alive until the server's idle
 * timeout). Jetty has no servlet-level switch for this once the response is committed; its HTTP/1.1 generator
 * decides whether the connection outlives the response, so that is what is turned off. HTTP/2 streams are left
 * alone: ending one never holds a connection.
 */
final class ConnectionEnd {

    private static final Runnable NOTHING = () -> {};

    private ConnectionEnd() {}

    /**
     * What ends, after its response, the connection of the request handled on this thread; nothing where there is no
     * such request or connection. Take it on the request's thread, run it from any thread while the response is
     * still in progress (never after: the connection then serves its next request).
     */
    static Runnable afterResponse() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return NOTHING;
        }
        return afterResponse(servlet.getRequest());
    }

    /** As {@link #afterResponse()}, for this request. */
    static Runnable afterResponse(ServletRequest request) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null && jetty.getConnectionMetaData().getConnection() instanceof HttpConnection http1) {
            HttpGenerator generator = http1.getGenerator();
            return () -> generator.setPersistent(false);
        }
        return NOTHING;
    }
}
