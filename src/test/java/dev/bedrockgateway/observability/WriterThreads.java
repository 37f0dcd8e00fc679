package dev.bedrockgateway.observability;

import java.util.List;

/** What a test can see of {@link PollingAppender}'s writer threads from outside: their names and states. */
final class WriterThreads {

    private WriterThreads() {}

    /**
     * Whether every writer of an appender named {@code target} (a test's own, and any an application context in
     * the same JVM started) exists and has parked for its poll interval, having found its queue empty.
     */
    static boolean asleep(String target) {
        List<Thread> writers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("log-writer-" + target))
                .toList();
        return !writers.isEmpty()
                && writers.stream().allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING);
    }
}
