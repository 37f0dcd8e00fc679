package dev.bedrockgateway.observability;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the access log from a background thread: the access logger gets an {@link AsyncAppender} in front
 * of each appender the root logger has (the console, as Spring Boot configured it, pattern or JSON), and
 * stops inheriting the root's appenders.
 *
 * <p>Why: formatting and writing one line per request on the request thread cost ~10% of the gateway's
 * throughput in the benchmark (docs/performance.md), and the write blocks the thread that could take the
 * connection's next request. Lines are never dropped: when the queue is full, callers wait (backpressure)
 * instead of losing a line. Stopping flushes what is queued, so a graceful shutdown keeps its last lines.
 */
final class AsyncAccessLog implements AutoCloseable {

    static final String APPENDER_PREFIX = "ASYNC_ACCESS_";
    private static final int QUEUE_SIZE = 8192;

    private final Logger logger;
    private final List<AsyncAppender> appenders = new ArrayList<>();

    AsyncAccessLog(LoggerContext context, String loggerName) {
        this.logger = context.getLogger(loggerName);
        if (logger.iteratorForAppenders().hasNext() || !logger.isAdditive()) {
            // An operator routed the access log themselves (a logback-spring.xml): theirs to keep.
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(target -> appenders.add(wrap(context, target)));
        if (!appenders.isEmpty()) {
            appenders.forEach(logger::addAppender);
            logger.setAdditive(false);
        }
    }

    private static AsyncAppender wrap(LoggerContext context, Appender<ILoggingEvent> target) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(APPENDER_PREFIX + target.getName());
        async.setQueueSize(QUEUE_SIZE);
        // 0: never discard INFO lines when the queue fills up; block instead.
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        Forwarder forwarder = new Forwarder(target);
        forwarder.setContext(context);
        forwarder.start();
        async.addAppender(forwarder);
        async.start();
        return async;
    }

    /** How many appenders now write the access log asynchronously. */
    int size() {
        return appenders.size();
    }

    /**
     * Flushes and detaches. A logging re-initialisation (another application context in the same JVM) may
     * already have reset the logger and attached another context's appenders: those are left alone.
     */
    @Override
    public void close() {
        boolean attached = false;
        for (AsyncAppender async : appenders) {
            if (logger.getAppender(async.getName()) == async) {
                logger.detachAppender(async);
                attached = true;
            }
            async.stop();
        }
        if (attached) {
            logger.setAdditive(true);
        }
    }

    /**
     * Hands events to a root appender without owning it: a stopping {@link AsyncAppender} stops the appenders
     * attached to it, and the console must outlive the access log.
     */
    private static final class Forwarder extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Appender<ILoggingEvent> target;

        Forwarder(Appender<ILoggingEvent> target) {
            this.target = target;
            setName("FORWARD_" + target.getName());
        }

        @Override
        protected void append(ILoggingEvent event) {
            target.doAppend(event);
        }
    }
}
