package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StoreHealthTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(StoreHealth.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final StoreHealth health = new StoreHealth();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void anOutageIsLoggedOnceHoweverManyCallsFail() {
        for (int i = 0; i < 50; i++) {
            health.failed(new IllegalStateException("redis://user:secret@cache:6379 refused"));
        }

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage())
                .contains("cannot be reached", "IllegalStateException")
                .doesNotContain("secret");
        assertThat(health.up()).isFalse();
    }

    @Test
    void whileDownTheStoreIsSkippedUntilTheNextProbe() {
        health.failed(new IllegalStateException("down"));

        assertThat(health.worthTrying()).isFalse();
    }

    @Test
    void recoveryIsLoggedOnceAndTheStoreIsUsedAgain() {
        health.failed(new IllegalStateException("down"));
        health.succeeded();
        health.succeeded();

        assertThat(health.up()).isTrue();
        assertThat(health.worthTrying()).isTrue();
        assertThat(health.lastError()).isNull();
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(2)
                .last()
                .asString()
                .contains("answers again");
    }

    @Test
    void aHealthyStoreLogsNothing() {
        health.succeeded();

        assertThat(logged.list).isEmpty();
        assertThat(health.worthTrying()).isTrue();
    }
}
