package dev.bedrockgateway.bedrock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The Bedrock clients' timers (API-call and attempt timeouts, retry back-off): one thread that wakes every
 * tick and runs what is due, and is never woken when a timer is armed or cancelled.
 *
 * <p>Why not a {@link java.util.concurrent.ScheduledThreadPoolExecutor}: every call arms two timeouts and
 * cancels them when answered. When the earliest timer changes, that pool signals its waiting thread, which
 * here was two cross-core wake-ups per call (docs/performance.md). Here arming and cancelling are an insert
 * and a removal in a lock-free sorted map; the price is that a timer fires up to one tick late, which for
 * timeouts of seconds and back-offs of tenths of seconds does not matter. Cancelled timers are removed at
 * once, so nothing a call references stays queued after it ends.
 *
 * <p>Only what the AWS SDK uses is offered: one-shot {@code schedule} and {@code execute} (run on the next
 * tick); periodic scheduling is refused. Due timers run on the timer's thread, so what they run must be
 * short: the SDK's timeouts abort a call, and its retries start the next attempt without blocking.
 */
final class TickTimer extends AbstractExecutorService implements ScheduledExecutorService {

    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 1;

    private final ConcurrentSkipListMap<Task<?>, Boolean> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final long tickNanos;
    private final Thread thread;
    private volatile boolean shutdown;

    TickTimer(String name, Duration tick) {
        this.tickNanos = tick.toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!shutdown) {
            long now = System.nanoTime();
            var first = pending.firstEntry();
            while (first != null && first.getKey().deadline - now <= 0 && !shutdown) {
                // A concurrent cancel may have removed it: then it is not run.
                if (pending.remove(first.getKey()) != null) {
                    first.getKey().run();
                }
                first = pending.firstEntry();
            }
            // A task may leave this thread interrupted; parking would then return at once, every time.
            Thread.interrupted();
            LockSupport.parkNanos(this, tickNanos);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return arm(Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return arm(callable, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private <V> Task<V> arm(Callable<V> callable, long delay, TimeUnit unit) {
        // Capped as the JDK's scheduled pool does, so that a "never" timeout cannot wrap around to the past.
        long delayNanos = Math.min(Math.max(unit.toNanos(delay), 0), MAX_DELAY_NANOS);
        Task<V> task = new Task<>(callable, System.nanoTime() + delayNanos, sequence.incrementAndGet());
        pending.put(task, Boolean.TRUE);
        // Checked after the insert: a shutdown in between would otherwise strand the task, never run.
        if (shutdown && pending.remove(task) != null) {
            throw new RejectedExecutionException("timer is shut down");
        }
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("one-shot timers only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("one-shot timers only");
    }

    /** As {@link #shutdownNow()}: timers not yet fired are cancelled, not run. */
    @Override
    public void shutdown() {
        shutdownNow();
    }

    /** Stops the thread; timers not yet fired are cancelled, so nothing waits on them forever. */
    @Override
    public List<Runnable> shutdownNow() {
        // The flag first: a timer armed after this removes itself (see arm), one armed before is taken here.
        shutdown = true;
        LockSupport.unpark(thread);
        List<Runnable> notRun = new ArrayList<>();
        for (var first = pending.pollFirstEntry(); first != null; first = pending.pollFirstEntry()) {
            first.getKey().cancel(false);
            notRun.add(first.getKey());
        }
        return notRun;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && !thread.isAlive();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return isTerminated();
    }

    /** A timer: ordered by deadline, then by arming order, so two timers never compare equal. */
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final long deadline;
        private final long order;

        Task(Callable<V> callable, long deadline, long order) {
            super(callable);
            this.deadline = deadline;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> task) {
                int byDeadline = Long.compare(deadline - task.deadline, 0);
                return byDeadline != 0 ? byDeadline : Long.compare(order, task.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                pending.remove(this);
            }
            return cancelled;
        }
    }
}
