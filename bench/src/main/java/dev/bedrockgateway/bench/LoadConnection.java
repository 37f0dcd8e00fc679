package dev.bedrockgateway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive connection of the load generator, carrying one exchange at a time. It times the first
 * token (the first appearance of {@link FakeBedrock#FIRST_TOKEN_MARKER} in the body, whatever the framing:
 * event-stream, SSE or JSON) and the end of the response, without copying or parsing the body.
 */
final class LoadConnection extends SimpleChannelInboundHandler<HttpObject> {

    /** What the generator learns of each exchange; called on the connection's event loop. */
    interface Listener {
        void completed(LoadConnection connection, long startNanos, long firstTokenNanos, long endNanos,
                boolean keepAlive);

        /** A quick refusal (503 shed or 429 over a limit): complete, the connection usable if kept alive. */
        void refused(LoadConnection connection, Outcome outcome, long startNanos, long endNanos, boolean keepAlive);

        void failed(LoadConnection connection, long startNanos, String reason);
    }

    private static final byte[] MARKER = FakeBedrock.FIRST_TOKEN_MARKER.getBytes(StandardCharsets.US_ASCII);

    private final Listener listener;
    private ChannelHandlerContext context;
    private boolean busy;
    private long startNanos;
    private long firstTokenNanos;
    private int markerMatched;
    private int status;
    private boolean keepAlive;
    private boolean expectToken;

    LoadConnection(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.context = context;
    }

    boolean usable() {
        return !busy && context != null && context.channel().isActive();
    }

    /** Sends {@code target}'s request; latency counts from {@code startNanos}, which may lie in the past. */
    void send(Target target, long startNanos) {
        this.busy = true;
        this.startNanos = startNanos;
        this.firstTokenNanos = 0;
        this.markerMatched = 0;
        this.status = 0;
        this.expectToken = target.stream();
        context.writeAndFlush(target.nextRequest()).addListener(written -> {
            if (!written.isSuccess()) {
                fail("write failed: " + written.cause());
            }
        });
    }

    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
        if (!busy) {
            return;
        }
        if (message instanceof HttpResponse response) {
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (message instanceof HttpContent content) {
            if (firstTokenNanos == 0) {
                scan(content.content());
            }
            if (message instanceof LastHttpContent) {
                long end = System.nanoTime();
                busy = false;
                Outcome outcome = Outcome.of(status);
                if (outcome == Outcome.SHED || outcome == Outcome.REFUSED) {
                    listener.refused(this, outcome, startNanos, end, keepAlive);
                } else if (outcome == Outcome.ERROR) {
                    listener.failed(this, startNanos, "HTTP " + status);
                } else if (expectToken && firstTokenNanos == 0) {
                    // A 200 stream without the first token ended in-band with an error event or frame.
                    listener.failed(this, startNanos, "stream without tokens");
                } else {
                    listener.completed(this, startNanos, firstTokenNanos, end, keepAlive);
                }
                if (!keepAlive) {
                    context.close();
                }
            }
        }
    }

    /** Matches the marker across chunk boundaries (it has no self-overlap, so a reset to 0 or 1 is exact). */
    private void scan(ByteBuf bytes) {
        for (int i = bytes.readerIndex(), end = bytes.writerIndex(); i < end; i++) {
            byte b = bytes.getByte(i);
            if (b == MARKER[markerMatched]) {
                if (++markerMatched == MARKER.length) {
                    firstTokenNanos = System.nanoTime();
                    return;
                }
            } else {
                markerMatched = b == MARKER[0] ? 1 : 0;
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        fail("connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        fail(cause.toString());
        context.close();
    }

    private void fail(String reason) {
        if (busy) {
            busy = false;
            listener.failed(this, startNanos, reason);
        }
    }
}
