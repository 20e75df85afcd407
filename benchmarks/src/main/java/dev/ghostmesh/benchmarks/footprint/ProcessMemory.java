package dev.ghostmesh.benchmarks.footprint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory and CPU figures of a process, from Linux's {@code /proc/<pid>/status} and, for this
 * JVM, from its management beans. Stateless.
 *
 * <p>Threading: every method may be called from any thread.
 */
final class ProcessMemory {
    private static final long MIB = 1024 * 1024;

    private ProcessMemory() {}

    /** Resident set size of {@code pid} in KiB ({@code VmRSS}), or -1 off Linux. */
    static long rssKiB(long pid) {
        return statusKiB(pid, "VmRSS:");
    }

    /** Peak resident set size of {@code pid} in KiB ({@code VmHWM}), or -1 off Linux. */
    static long peakRssKiB(long pid) {
        return statusKiB(pid, "VmHWM:");
    }

    /** Threads of {@code pid}, JVM-internal ones included, or -1 off Linux. */
    static long threads(long pid) {
        return statusKiB(pid, "Threads:");
    }

    private static long statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: report unknown
        }
        return -1;
    }

    /**
     * Heap in use by live objects in MiB: runs a full collection first (twice, as finalizable
     * and weakly reachable objects may need a second pass), so garbage does not count.
     */
    static double liveHeapMiB() {
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() / (double) MIB;
    }

    /** Heap the JVM has committed, in MiB. */
    static double committedHeapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()
                / (double) MIB;
    }

    /** CPU time this process has used so far, all threads, in milliseconds. */
    static long cpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }

    /** Live Java threads of this JVM. */
    static int javaThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static double mib(long kib) {
        return kib < 0 ? -1 : kib / 1024.0;
    }
}
