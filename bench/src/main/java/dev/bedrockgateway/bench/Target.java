package dev.bedrockgateway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One thing the load generator calls: a process ({@code system}: fake, gateway, portkey), the surface
 * ({@code api}), and the exact request, built once and sent as a retained duplicate every time.
 */
record Target(String system, String api, boolean stream, int port, FullHttpRequest request) {

    static Target post(String system, String api, boolean stream, int port, String path, Map<String, String> headers,
            String body) {
        ByteBuf content = Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)).asReadOnly());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, content);
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        headers.forEach(request.headers()::set);
        return new Target(system, api, stream, port, request);
    }

    /** A fresh request object over the shared bytes: Netty releases what it writes. */
    FullHttpRequest nextRequest() {
        return request.retainedDuplicate();
    }

    String name() {
        return system + " " + api + (stream ? " stream" : "");
    }
}
