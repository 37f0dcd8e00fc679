package dev.bedrockgateway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Hands events to another appender from a background thread that polls its queue: callers never wake it.
 *
 * <p>Why not Logback's {@code AsyncAppender}: its worker waits on the queue, so when it is idle (most of the
 * time) every event wakes it, one cross-core wake-up per request for an access log (docs/performance.md).
 * This worker drains the queue, writes the batch, and sleeps for a poll interval when nothing is queued;
 * a line reaches the target at most one interval late. A full queue blocks the caller (a line is never
 * dropped), and stopping flushes what is queued. The target is not owned: stopping this leaves it running.
 */
final class PollingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final int BATCH = 256;
    private static final Duration MAX_FLUSH = Duration.ofSeconds(5);

    private final Appender<ILoggingEvent> target;
    private final BlockingQueue<ILoggingEvent> queue;
    private final long pollNanos;
    private volatile @Nullable Thread worker;

    PollingAppender(Appender<ILoggingEvent> target, int capacity, Duration poll) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.pollNanos = poll.toNanos();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        Thread thread = new Thread(this::drain, "log-writer-" + target.getName());
        thread.setDaemon(true);
        worker = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // The MDC, the formatted message and the thread name are read now, on the caller's thread.
        event.prepareForDeferredProcessing();
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(event);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!isStarted()) {
            // Stopped while this line was on its way in: the worker may be gone, so write it here.
            writeQueued();
        }
    }

    private void drain() {
        List<ILoggingEvent> batch = new ArrayList<>(BATCH);
        while (isStarted() || !queue.isEmpty()) {
            if (queue.drainTo(batch, BATCH) == 0) {
                Thread.interrupted(); // parking would return at once, every time, with the flag set
                LockSupport.parkNanos(this, pollNanos);
                continue;
            }
            batch.forEach(this::write);
            batch.clear();
        }
    }

    private void writeQueued() {
        ILoggingEvent event;
        while ((event = queue.poll()) != null) {
            write(event);
        }
    }

    // Logback's appenders catch exceptions but not errors; the worker must outlive both, or the queue fills
    // and every caller blocks.
    private void write(ILoggingEvent event) {
        try {
            target.doAppend(event);
        } catch (RuntimeException | Error e) {
            addError("could not write an access log line", e);
        }
    }

    /**
     * Stops taking events and waits (up to five seconds) until the queued ones are written; what arrives after
     * the worker's last look is written on this thread.
     */
    @Override
    public void stop() {
        super.stop();
        Thread thread = worker;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(MAX_FLUSH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            writeQueued(); // lines that arrived after the worker's last look
        }
    }
}
