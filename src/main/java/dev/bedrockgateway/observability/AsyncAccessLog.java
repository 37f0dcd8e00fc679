package dev.bedrockgateway.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the access log from a background thread: the access logger gets a {@link PollingAppender} in front
 * of each appender the root logger has (the console, as Spring Boot configured it, pattern or JSON), and
 * stops inheriting the root's appenders.
 *
 * <p>Why: formatting and writing one line per request on the request thread cost ~10% of the gateway's
 * throughput in the benchmark (docs/performance.md), and the write blocks the thread that could take the
 * connection's next request. Lines are not dropped while the gateway runs: when the queue is full, callers wait (backpressure)
 * instead of losing a line. Stopping flushes what is queued, so a graceful shutdown keeps its last lines.
 */
final class AsyncAccessLog implements AutoCloseable {

    static final String APPENDER_PREFIX = "ASYNC_ACCESS_";
    private static final int QUEUE_SIZE = 8192;
    /** How late a line may reach the console. */
    private static final Duration POLL = Duration.ofMillis(10);

    private final Logger logger;
    private final List<PollingAppender> appenders = new ArrayList<>();

    AsyncAccessLog(LoggerContext context, String loggerName) {
        this(context, loggerName, POLL);
    }

    /** With another poll interval: tests use a long one to show that only stopping writes the queue out. */
    AsyncAccessLog(LoggerContext context, String loggerName, Duration poll) {
        this.logger = context.getLogger(loggerName);
        if (logger.iteratorForAppenders().hasNext() || !logger.isAdditive()) {
            // An operator routed the access log themselves (a logback-spring.xml): theirs to keep.
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(target -> appenders.add(wrap(context, target, poll)));
        if (!appenders.isEmpty()) {
            appenders.forEach(logger::addAppender);
            logger.setAdditive(false);
        }
    }

    private static PollingAppender wrap(LoggerContext context, Appender<ILoggingEvent> target, Duration poll) {
        PollingAppender async = new PollingAppender(target, QUEUE_SIZE, poll);
        async.setContext(context);
        async.setName(APPENDER_PREFIX + target.getName());
        async.start();
        return async;
    }

    /**
     * Flushes and detaches. A logging re-initialisation (another application context in the same JVM) may
     * already have reset the logger and attached another context's appenders: those are left alone.
     */
    @Override
    public void close() {
        boolean attached = appenders.stream().anyMatch(async -> logger.getAppender(async.getName()) == async);
        if (attached) {
            // Additive first: in between, a line goes out twice rather than not at all.
            logger.setAdditive(true);
        }
        for (PollingAppender async : appenders) {
            if (logger.getAppender(async.getName()) == async) {
                logger.detachAppender(async);
            }
            async.stop();
        }
    }
}
