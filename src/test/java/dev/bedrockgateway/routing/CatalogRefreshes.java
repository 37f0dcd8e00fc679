package dev.bedrockgateway.routing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Waits out the catalog refresher's background run in a {@link DeployedGateway} test. */
public final class CatalogRefreshes {

    private CatalogRefreshes() {}

    /**
     * Returns once no refresh is running: the refresher's thread is parked until its next run, hours away, with
     * no refresh on its stack. Its first run starts with the context (and again when a paused context resumes),
     * in the background, and must not land between a test's calls.
     */
    public static void awaitIdle() {
        await("the catalog refresher's background run")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(CatalogRefreshes::idle);
    }

    /** Whether there is a refresher thread, and every one (a context of its own each) is parked between runs. */
    private static boolean idle() {
        Map<Thread, StackTraceElement[]> refreshers = Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("catalog-refresher"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return !refreshers.isEmpty()
                && refreshers.entrySet().stream()
                        .allMatch(thread -> thread.getKey().getState() == Thread.State.TIMED_WAITING
                                && Arrays.stream(thread.getValue())
                                        .noneMatch(frame ->
                                                frame.getClassName().equals(CatalogRefresher.class.getName())));
    }
}
