package dev.bedrockgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * CPU and memory of a process under test over a phase, read from Linux's {@code /proc}: CPU seconds (user +
 * system) per 1,000 answered requests, thread wake-ups per answered request, resident memory at the end of the
 * phase, the process's peak resident memory so far ({@code VmHWM}), and how much of the resident memory at the end
 * is file-backed ({@code RssFile} + {@code RssShmem}: mapped jars and libraries, and the pages of the JDK AOT cache
 * that were never written; the kernel can drop and re-read them under memory pressure and processes mapping the
 * same file share them, unlike the heap and the rest of the anonymous memory. The AOT cache is mapped
 * copy-on-write, so most of it turns out to be anonymous: docs/performance.md).
 *
 * <p>Wake-ups are the voluntary context switches of all the process's threads: each is a thread that went to
 * sleep and was woken again. On a shared two-core machine they vary far less between runs than latency does,
 * so they show a change that adds or removes a hand-off between threads even when the run is noisy.
 */
record ProcessUsage(double cpuSecondsPer1000, double wakeupsPerRequest, double rssMb, double peakRssMb,
        double fileRssMb) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU ticks used so far by {@code pid} and its threads. */
    static long cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Voluntary context switches so far of the threads {@code pid} has now (exited threads are not counted). */
    static long contextSwitches(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(thread -> {
                try {
                    return field(Files.readString(thread.resolve("status")), "voluntary_ctxt_switches:");
                } catch (IOException e) {
                    return 0; // the thread ended while we looked
                }
            }).sum();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + tasks + " (Linux only)", e);
        }
    }

    /**
     * Waits until the processes together use under a tenth of a core over half a second, at most
     * {@code max}: an overloaded system keeps working off its backlog after its phase ends, and would steal
     * the next phase's CPU. Returns the time waited.
     */
    static Duration awaitQuiet(Collection<Long> pids, Duration max) {
        long start = System.nanoTime();
        long window = 500;
        while (System.nanoTime() - start < max.toNanos()) {
            long before = pids.stream().mapToLong(ProcessUsage::cpuTicks).sum();
            Processes.sleep(window);
            long used = pids.stream().mapToLong(ProcessUsage::cpuTicks).sum() - before;
            if (used < TICKS_PER_SECOND * window / 1000 / 10) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Memory now (CPU and wake-ups zero): for resident memory idle, or at its peak so far. */
    static ProcessUsage now(long pid) {
        return of(pid, cpuTicks(pid), contextSwitches(pid), 0);
    }

    static ProcessUsage of(long pid, long ticksBefore, long switchesBefore, long requests) {
        double cpuSeconds = (cpuTicks(pid) - ticksBefore) / TICKS_PER_SECOND;
        long switches = contextSwitches(pid) - switchesBefore;
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return new ProcessUsage(PhaseResult.round(requests == 0 ? 0 : cpuSeconds * 1000 / requests),
                PhaseResult.round(requests == 0 ? 0 : (double) switches / requests),
                field(status, "VmRSS:") / 1024.0, field(status, "VmHWM:") / 1024.0,
                (field(status, "RssFile:") + field(status, "RssShmem:")) / 1024.0);
    }

    /** The first number after {@code field} in a {@code /proc} status file. */
    private static long field(String status, String field) {
        return status.lines().filter(line -> line.startsWith(field)).findFirst()
                .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0])).orElse(0L);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (Linux only)", e);
        }
    }
}
