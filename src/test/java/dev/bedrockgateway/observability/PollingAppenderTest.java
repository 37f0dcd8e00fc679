package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PollingAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final SlowTarget target = new SlowTarget();

    @BeforeEach
    void startTheTarget() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        target.setContext(context);
        target.setName("TARGET");
        target.start();
    }

    @Test
    void appendWhenTheQueueIsFullThenBlocksTheCallerInsteadOfDroppingTheLine() throws Exception {
        PollingAppender appender = started(2);
        target.blocked = new CountDownLatch(1);
        appender.doAppend(event("taken by the writer"));
        await().atMost(Duration.ofSeconds(5)).until(() -> target.writing);
        appender.doAppend(event("queued 1"));
        appender.doAppend(event("queued 2"));

        Thread caller = new Thread(() -> appender.doAppend(event("waits for room")));
        caller.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);
        target.blocked.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(5));
        appender.stop();

        assertThat(target.lines).containsExactly("taken by the writer", "queued 1", "queued 2", "waits for room");
    }

    @Test
    void stopWhenLinesAreQueuedThenWritesThemAllAndLeavesTheTargetRunning() {
        // An hour between polls: lines that reach the target before stop() would mean a caller woke the writer.
        PollingAppender appender = started(8192, Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> WriterThreads.asleep("TARGET"));
        for (int i = 0; i < 1_000; i++) {
            appender.doAppend(event("line " + i));
        }
        assertThat(target.lines).isEmpty();

        appender.stop();

        assertThat(target.lines).hasSize(1_000).startsWith("line 0").endsWith("line 999");
        assertThat(target.isStarted()).isTrue();
    }

    @Test
    void appendWhenTheTargetThrowsAnErrorThenTheWriterKeepsWriting() {
        PollingAppender appender = started(8192);
        target.failOn = "fails";

        appender.doAppend(event("fails"));
        appender.doAppend(event("still written"));

        await().atMost(Duration.ofSeconds(5)).until(() -> target.lines.contains("still written"));
        appender.stop();
    }

    private PollingAppender started(int capacity) {
        return started(capacity, Duration.ofMillis(10));
    }

    private PollingAppender started(int capacity, Duration poll) {
        PollingAppender appender = new PollingAppender(target, capacity, poll);
        appender.setContext(context);
        appender.start();
        return appender;
    }

    private ILoggingEvent event(String message) {
        return new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO, message, null, null);
    }

    /** Records lines; can be held while it writes one, to fill the queue in front of it. */
    private static final class SlowTarget extends AppenderBase<ILoggingEvent> {

        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile CountDownLatch blocked = new CountDownLatch(0);
        volatile boolean writing;
        volatile String failOn = "";

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().equals(failOn)) {
                throw new AssertionError("an error, which Logback's appenders do not catch");
            }
            writing = true;
            try {
                blocked.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(event.getFormattedMessage());
        }
    }
}
