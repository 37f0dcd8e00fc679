package dev.bedrockgateway.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's JSON converter, but it serialises the whole body first and sends it with a {@code Content-Length}.
 *
 * <p>Why: Spring MVC flushes the response after writing a body. Without a length, the servlet container (Jetty,
 * as Tomcat before it) commits a chunked response at that flush and writes the terminating chunk later, when the
 * request ends: two socket writes per answer, and the caller sees the end of its answer only after the gateway's
 * own bookkeeping (metrics, access log) has run. With the length known, the flush sends headers and body in one
 * write and the answer is complete on the wire at once. Answers are small (kilobytes), so the extra copy costs less
 * than the write.
 */
class SizedJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    /** A converter writing with the application's configured mapper. */
    SizedJsonHttpMessageConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(
            Object object,
            ResolvableType resolvableType,
            HttpOutputMessage outputMessage,
            @Nullable Map<String, Object> hints)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        super.writeInternal(object, resolvableType, new BufferedMessage(outputMessage.getHeaders(), body), hints);
        // Headers are still writable here: the real body has not been opened yet.
        outputMessage.getHeaders().setContentLength(body.size());
        body.writeTo(outputMessage.getBody());
    }

    private record BufferedMessage(HttpHeaders getHeaders, OutputStream getBody) implements HttpOutputMessage {}
}
