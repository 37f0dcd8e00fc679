package dev.bedrockgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/**
 * CPU and memory of a process under test over a phase, read from Linux's {@code /proc}: CPU seconds (user +
 * system) per 1,000 answered requests, resident memory at the end of the phase and the process's peak
 * resident memory so far ({@code VmHWM}).
 */
record ProcessUsage(double cpuSecondsPer1000, double rssMb, double peakRssMb) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU ticks used so far by {@code pid} and its threads. */
    static long cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

    static ProcessUsage of(long pid, long ticksBefore, long requests) {
        double cpuSeconds = (cpuTicks(pid) - ticksBefore) / TICKS_PER_SECOND;
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return new ProcessUsage(PhaseResult.round(requests == 0 ? 0 : cpuSeconds * 1000 / requests),
                kilobytes(status, "VmRSS:") / 1024.0, kilobytes(status, "VmHWM:") / 1024.0);
    }

    private static long kilobytes(String status, String field) {
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
