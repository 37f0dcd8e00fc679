package dev.bedrockgateway.bench;

import dev.bedrockgateway.eventstream.EventStreamFrames;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fast fake of Bedrock Runtime for the benchmark: {@code POST /model/{id}/converse} answers a fixed small
 * reply and {@code /model/{id}/converse-stream} a fixed stream of N text deltas in event-stream frames. Every
 * byte is encoded once at startup, nothing is logged and the request body is not parsed, so the fake costs
 * next to nothing and the numbers measure the caller, not the fake. The model ID may be URL-encoded
 * ({@code %3A}), as the AWS SDKs and Portkey send it; any model is accepted.
 *
 * <p>Arguments: {@code --port=P} (0: any free port, printed as {@code PORT=<n>}), {@code --delay-ms=D}
 * (before every answer), {@code --deltas=N} (stream length), {@code --delta-delay-ms=D} (between deltas),
 * {@code --threads=T}. A stream of {@link Systems#WARM_UP_MODEL} is sent without either delay, so that a gateway can
 * be warmed with many short streams before long ones are measured.
 */
public final class FakeBedrock {

    /** The text of delta {@code i} is {@code tok<i> }: the load generator finds the first token by it. */
    static final String FIRST_TOKEN_MARKER = "tok0";

    private final ByteBuf converseBody;
    private final ByteBuf streamHead;
    private final List<ByteBuf> deltaFrames;
    private final ByteBuf streamTail;
    private final long delayMillis;
    private final long deltaDelayMillis;

    private FakeBedrock(int deltas, long delayMillis, long deltaDelayMillis) {
        this.delayMillis = delayMillis;
        this.deltaDelayMillis = deltaDelayMillis;
        this.converseBody = constant("""
                {"output":{"message":{"role":"assistant","content":[{"text":"Hello from the fake Bedrock."}]}},\
                "stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":8,"totalTokens":20},\
                "metrics":{"latencyMs":1}}""".getBytes(StandardCharsets.UTF_8));
        this.streamHead = constant(frame("messageStart", "{\"role\":\"assistant\"}"));
        this.deltaFrames = new ArrayList<>(deltas);
        for (int i = 0; i < deltas; i++) {
            deltaFrames.add(constant(frame("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"tok" + i + " \"}}")));
        }
        this.streamTail = constant(concat(frame("contentBlockStop", "{\"contentBlockIndex\":0}"),
                frame("messageStop", "{\"stopReason\":\"end_turn\"}"),
                frame("metadata", "{\"usage\":{\"inputTokens\":12,\"outputTokens\":" + deltas + ",\"totalTokens\":"
                        + (12 + deltas) + "},\"metrics\":{\"latencyMs\":1}}")));
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args);
        Running running = start(arguments.integer("port", 0), arguments.integer("deltas", 20),
                arguments.integer("delay-ms", 0), arguments.integer("delta-delay-ms", 0),
                arguments.integer("threads", 1));
        System.out.println("PORT=" + running.port());
        System.out.flush();
        running.server().closeFuture().sync();
    }

    /** A fake listening on {@code port} (0: any free one) of 127.0.0.1, once bound. */
    static Running start(int port, int deltas, long delayMillis, long deltaDelayMillis, int threads)
            throws InterruptedException {
        FakeBedrock fake = new FakeBedrock(deltas, delayMillis, deltaDelayMillis);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(32 * 1024 * 1024),
                                fake.new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new Running(server, group);
    }

    /** A started fake; closing it stops its event loop. */
    record Running(Channel server, EventLoopGroup group) implements AutoCloseable {

        int port() {
            return ((java.net.InetSocketAddress) server.localAddress()).getPort();
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = request.uri();
            Runnable answer;
            boolean warmUp = path.contains(Systems.WARM_UP_MODEL_IN_PATH);
            if (path.startsWith("/model/") && path.endsWith("/converse-stream")) {
                answer = () -> stream(context, keepAlive, warmUp);
            } else if (path.startsWith("/model/") && path.endsWith("/converse")) {
                answer = () -> converse(context, keepAlive);
            } else {
                answer = () -> notFound(context, keepAlive);
            }
            if (delayMillis > 0 && !warmUp) {
                context.executor().schedule(answer, delayMillis, TimeUnit.MILLISECONDS);
            } else {
                answer.run();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    private void converse(ChannelHandlerContext context, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                converseBody.retainedDuplicate());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, converseBody.readableBytes())
                .set("x-amzn-RequestId", "fake-request");
        write(context, response, keepAlive);
    }

    private void stream(ChannelHandlerContext context, boolean keepAlive, boolean warmUp) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/vnd.amazon.eventstream")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set("x-amzn-RequestId", "fake-request");
        context.write(head);
        context.write(new DefaultHttpContent(streamHead.retainedDuplicate()));
        sendDelta(context, 0, keepAlive, warmUp ? 0 : deltaDelayMillis);
    }

    /** Writes delta {@code index} and schedules the next, so a slow stream never holds the event loop. */
    private void sendDelta(ChannelHandlerContext context, int index, boolean keepAlive, long pauseMillis) {
        if (index == deltaFrames.size()) {
            context.write(new DefaultHttpContent(streamTail.retainedDuplicate()));
            var done = context.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        context.writeAndFlush(new DefaultHttpContent(deltaFrames.get(index).retainedDuplicate()));
        if (pauseMillis > 0) {
            context.executor().schedule(() -> sendDelta(context, index + 1, keepAlive, pauseMillis), pauseMillis,
                    TimeUnit.MILLISECONDS);
        } else {
            sendDelta(context, index + 1, keepAlive, 0);
        }
    }

    private static void notFound(ChannelHandlerContext context, boolean keepAlive) {
        byte[] body = "{\"message\":\"Unknown operation\"}".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-ErrorType", "UnknownOperationException");
        write(context, response, keepAlive);
    }

    private static void write(ChannelHandlerContext context, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            context.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] frame(String eventType, String json) {
        return EventStreamFrames.event(eventType, json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf joined = Unpooled.buffer();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        byte[] bytes = new byte[joined.readableBytes()];
        joined.readBytes(bytes);
        return bytes;
    }

    /** A read-only buffer shared by every response: duplicates are written, the original never released. */
    private static ByteBuf constant(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }
}
