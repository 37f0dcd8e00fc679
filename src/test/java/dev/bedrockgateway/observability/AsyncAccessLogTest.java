package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncAccessLogTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> console = new ListAppender<>();
    private final Logger access = context.getLogger("test.access");

    @BeforeEach
    void consoleOnTheRootLogger() {
        // What the SLF4J provider sets on the real context; deferred events copy the MDC.
        context.setMDCAdapter(new LogbackMDCAdapter());
        console.setContext(context);
        console.setName("CONSOLE");
        console.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
    }

    @Test
    void accessLineWhenWrittenThenReachesTheRootAppenderOnceWithTheCallersThreadName() {
        try (AsyncAccessLog async = new AsyncAccessLog(context, "test.access")) {
            assertThat(pollingAppenders()).isEqualTo(1);

            access.info("line {}", 1);

            await().atMost(Duration.ofSeconds(5)).until(() -> !console.list.isEmpty());
            assertThat(console.list).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("line 1");
                assertThat(event.getThreadName())
                        .isEqualTo(Thread.currentThread().getName());
            });
            assertThat(access.isAdditive()).isFalse();
        }
    }

    @Test
    void closeWhenLinesAreQueuedThenFlushesThemAndLeavesTheConsoleRunning() {
        // An hour between polls: only closing can write these lines out.
        AsyncAccessLog async = new AsyncAccessLog(context, "test.access", Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> WriterThreads.asleep("CONSOLE"));
        for (int i = 0; i < 500; i++) {
            access.info("line {}", i);
        }
        assertThat(console.list).isEmpty();

        async.close();

        assertThat(console.list).hasSize(500);
        assertThat(console.isStarted()).isTrue();
        assertThat(access.isAdditive()).isTrue();
        access.info("after close");
        assertThat(console.list).hasSize(501);
    }

    @Test
    void constructorWhenTheAccessLoggerHasItsOwnAppenderThenLeavesItsRoutingAlone() {
        ListAppender<ILoggingEvent> own = new ListAppender<>();
        own.setContext(context);
        own.start();
        access.addAppender(own);
        access.setAdditive(false);

        try (AsyncAccessLog async = new AsyncAccessLog(context, "test.access")) {
            access.info("routed by the operator");

            assertThat(pollingAppenders()).isZero();
            assertThat(own.list).hasSize(1);
            assertThat(console.list).isEmpty();
        }
        assertThat(access.isAdditive()).isFalse();
    }

    @Test
    void closeWhenLoggingWasResetMeanwhileThenLeavesTheNewSetupAlone() {
        AsyncAccessLog first = new AsyncAccessLog(context, "test.access");
        access.setAdditive(true);
        access.detachAndStopAllAppenders();
        try (AsyncAccessLog second = new AsyncAccessLog(context, "test.access")) {

            first.close();

            assertThat(access.isAdditive()).isFalse();
            access.info("still async");
            await().atMost(Duration.ofSeconds(5)).until(() -> console.list.size() == 1);
            List<String> names = List.of(access.iteratorForAppenders().next().getName());
            assertThat(names).containsExactly(AsyncAccessLog.APPENDER_PREFIX + "CONSOLE");
        }
    }

    /** How many appenders write the access log asynchronously, as the logger shows them. */
    private long pollingAppenders() {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        access.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders.stream().filter(PollingAppender.class::isInstance).count();
    }
}
