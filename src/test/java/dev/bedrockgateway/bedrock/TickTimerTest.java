package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickTimerTest {

    private final TickTimer timer = new TickTimer("test-timer", Duration.ofMillis(5));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void scheduleWhenTheDelayPassesThenRunsTheTaskNotBeforeItAndReturnsItsResult() throws Exception {
        long armed = System.nanoTime();

        ScheduledFuture<Long> ran = timer.schedule(System::nanoTime, 50, TimeUnit.MILLISECONDS);

        assertThat(ran.get(5, TimeUnit.SECONDS) - armed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ran.isDone()).isTrue();
        assertThat(timer.shutdownNow()).as("timers still armed").isEmpty();
    }

    @Test
    void scheduleWhenTimersAreArmedOutOfOrderThenRunsThemByDeadline() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);

        timer.schedule(
                () -> {
                    order.add("late");
                    all.countDown();
                },
                900,
                TimeUnit.MILLISECONDS);
        timer.schedule(
                () -> {
                    order.add("early");
                    all.countDown();
                },
                100,
                TimeUnit.MILLISECONDS);
        timer.schedule(
                () -> {
                    order.add("middle");
                    all.countDown();
                },
                500,
                TimeUnit.MILLISECONDS);

        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("early", "middle", "late");
    }

    @Test
    void cancelWhenArmedThenRemovesTheTimerAndNeverRunsIt() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        ScheduledFuture<?> timeout = timer.schedule(ran::countDown, 30, TimeUnit.MILLISECONDS);

        assertThat(timeout.cancel(false)).isTrue();

        assertThat(timer.shutdownNow()).as("timers still armed").isEmpty();
        assertThat(timeout.isCancelled()).isTrue();
        assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void scheduleWhenManyThreadsArmAndCancelAtOnceThenNothingStaysQueued() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(callers.submit(() -> {
                    for (int call = 0; call < 5_000; call++) {
                        timer.schedule(() -> {}, 10, TimeUnit.MINUTES).cancel(false);
                    }
                }));
            }
            for (Future<?> caller : done) {
                caller.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(timer.shutdownNow()).as("timers still armed").isEmpty();
    }

    @Test
    void executeWhenCalledThenRunsOnTheTimersThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();

        timer.execute(() -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
        });

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).containsExactly("test-timer");
    }

    @Test
    void shutdownNowWhenTimersAreArmedThenReturnsThemAndRefusesNewOnes() throws Exception {
        timer.schedule(() -> {}, 1, TimeUnit.MINUTES);

        List<Runnable> notRun = timer.shutdownNow();

        assertThat(notRun).hasSize(1);
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> timer.schedule(() -> {}, 1, TimeUnit.SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void scheduleWhenTheThreadIsAsleepThenDoesNotWakeIt() throws Exception {
        TickTimer sleepy = new TickTimer("sleepy-timer", Duration.ofHours(1));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> state("sleepy-timer") == Thread.State.TIMED_WAITING);
            CountDownLatch ran = new CountDownLatch(1);

            sleepy.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);

            // A pool that signals its thread on arming would run it at once.
            assertThat(ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            sleepy.shutdownNow();
        }
    }

    @Test
    void shutdownWhenTimersAreArmedThenCancelsTheirFutures() throws Exception {
        ScheduledFuture<?> armed = timer.schedule(() -> {}, 1, TimeUnit.MINUTES);

        timer.shutdown();

        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(armed.isCancelled()).isTrue();
        assertThat(timer.shutdownNow()).as("timers still armed").isEmpty();
    }

    @Test
    void scheduleWhenTheDelayIsPracticallyInfiniteThenNeverFiresNorDisturbsTheOrder() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        timer.schedule(never::countDown, Long.MAX_VALUE, TimeUnit.NANOSECONDS);

        ScheduledFuture<String> soon = timer.schedule(() -> "on time", 20, TimeUnit.MILLISECONDS);

        assertThat(soon.get(5, TimeUnit.SECONDS)).isEqualTo("on time");
        assertThat(never.getCount()).isOne();
    }

    private static Thread.State state(String threadName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(threadName))
                .map(Thread::getState)
                .findFirst()
                .orElse(Thread.State.NEW);
    }

    @Test
    void scheduleAtFixedRateWhenCalledThenIsRefused() {
        assertThatThrownBy(() -> timer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
