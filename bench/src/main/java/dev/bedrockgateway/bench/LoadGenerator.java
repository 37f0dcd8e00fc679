package dev.bedrockgateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The load generator: one Netty event loop (so it takes one core at most, and every histogram is touched by
 * one thread) driving keep-alive HTTP/1.1 connections in two modes.
 * <ul>
 * <li><b>Open loop</b> at a fixed rate: request {@code i} is due at {@code start + i / rate} whether or not
 * earlier ones have returned, and its latency counts from that due time, so queueing anywhere shows in the
 * percentiles instead of silently lowering the rate (no coordinated omission). A request finding no idle
 * connection opens a new one, as a real client pool would.</li>
 * <li><b>Closed loop</b> at fixed concurrency: N connections each send the next request as soon as the last
 * returns; the achieved rate is the throughput.</li>
 * </ul>
 */
final class LoadGenerator implements AutoCloseable {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);
    private static final int MAX_CONNECTIONS = 8192;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();

    PhaseResult openLoop(Target target, int rate, Duration duration) {
        Phase phase = new Phase(target, false, 0);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long count = rate * duration.toMillis() / 1000;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        phase.begin(start);
        for (long i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            loop.execute(() -> phase.dispatch(due));
        }
        loop.execute(phase::scheduled);
        return phase.await("rate", rate);
    }

    PhaseResult closedLoop(Target target, int connections, Duration duration) {
        long start = System.nanoTime();
        Phase phase = new Phase(target, true, start + duration.toNanos());
        phase.begin(start);
        loop.execute(() -> {
            for (int i = 0; i < connections; i++) {
                phase.dispatch(System.nanoTime());
            }
        });
        loop.schedule(phase::scheduled, duration.toNanos(), TimeUnit.NANOSECONDS);
        return phase.await("connections", connections);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One measured phase; every field is touched on {@link #loop} only. */
    private final class Phase implements LoadConnection.Listener {

        private final Target target;
        private final boolean closedLoop;
        private final long endNanos;
        private final Histogram latency = new Histogram(MAX_MICROS, 3);
        private final Histogram firstToken = new Histogram(MAX_MICROS, 3);
        private final Histogram refusals = new Histogram(MAX_MICROS, 3);
        private final ArrayDeque<LoadConnection> idle = new ArrayDeque<>();
        private final List<LoadConnection> connections = new ArrayList<>();
        private final List<String> errorSamples = new ArrayList<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Bootstrap bootstrap;
        private int open;
        private long begin;
        private long lastEnd;
        private long ok;
        private long errors;
        private long shed;
        private long refused;
        private long outstanding;
        private boolean scheduled;

        Phase(Target target, boolean closedLoop, long endNanos) {
            this.target = target;
            this.closedLoop = closedLoop;
            this.endNanos = endNanos;
            this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
        }

        void begin(long start) {
            begin = start;
        }

        void dispatch(long due) {
            outstanding++;
            LoadConnection connection = idle.poll();
            while (connection != null && !connection.usable()) {
                connection = idle.poll();
            }
            if (connection != null) {
                connection.send(target, due);
            } else {
                connect(opened -> opened.send(target, due), due);
            }
        }

        private void connect(Consumer<LoadConnection> then, long due) {
            if (open >= MAX_CONNECTIONS) {
                failed(null, due, "more than " + MAX_CONNECTIONS + " connections needed");
                return;
            }
            LoadConnection connection = new LoadConnection(this);
            connections.add(connection);
            open++;
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(new HttpClientCodec(), connection);
                }
            }).connect("127.0.0.1", target.port()).addListener((ChannelFuture connected) -> {
                // Servers close keep-alive connections after so many requests: only open ones count.
                connected.channel().closeFuture().addListener(closed -> {
                    open--;
                    connections.remove(connection);
                });
                if (connected.isSuccess()) {
                    then.accept(connection);
                } else {
                    failed(null, due, "connect: " + connected.cause());
                }
            });
        }

        @Override
        public void completed(LoadConnection connection, long startNanos, long firstTokenNanos, long endNanos,
                boolean keepAlive) {
            ok++;
            latency.recordValue(Math.min(MAX_MICROS, (endNanos - startNanos) / 1_000));
            if (firstTokenNanos > 0) {
                firstToken.recordValue(Math.min(MAX_MICROS, (firstTokenNanos - startNanos) / 1_000));
            }
            lastEnd = endNanos;
            next(keepAlive ? connection : null);
        }

        @Override
        public void refused(LoadConnection connection, Outcome outcome, long startNanos, long endNanos,
                boolean keepAlive) {
            if (outcome == Outcome.SHED) {
                shed++;
            } else {
                refused++;
            }
            refusals.recordValue(Math.min(MAX_MICROS, (endNanos - startNanos) / 1_000));
            lastEnd = endNanos;
            next(keepAlive ? connection : null);
        }

        @Override
        public void failed(LoadConnection connection, long startNanos, String reason) {
            errors++;
            if (errorSamples.size() < 5) {
                errorSamples.add(reason);
            }
            lastEnd = System.nanoTime();
            next(connection != null && connection.usable() ? connection : null);
        }

        /** After an exchange: closed loop sends again at once, open loop parks the connection. */
        private void next(LoadConnection free) {
            outstanding--;
            if (closedLoop && System.nanoTime() < endNanos) {
                if (free != null) {
                    outstanding++;
                    free.send(target, System.nanoTime());
                } else {
                    dispatch(System.nanoTime());
                }
                return;
            }
            if (free != null) {
                idle.push(free);
            }
            finishIfDrained();
        }

        void scheduled() {
            scheduled = true;
            finishIfDrained();
        }

        private void finishIfDrained() {
            if (scheduled && outstanding == 0) {
                done.complete(null);
            }
        }

        PhaseResult await(String mode, int load) {
            try {
                long phaseLeft = Math.max(0, endNanos - System.nanoTime());
                done.get(phaseLeft + DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                loop.execute(() -> errors += outstanding);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            CompletableFuture<PhaseResult> result = new CompletableFuture<>();
            loop.execute(() -> {
                List.copyOf(connections).forEach(LoadConnection::close);
                double seconds = Math.max(1, lastEnd - begin) / 1e9;
                result.complete(PhaseResult.of(target, mode, load, seconds, ok, errors, List.copyOf(errorSamples),
                        latency, target.stream() ? firstToken : null).withRefusals(shed, refused, refusals));
            });
            return result.join();
        }
    }
}
