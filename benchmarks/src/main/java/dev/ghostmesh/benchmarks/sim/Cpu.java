package dev.ghostmesh.benchmarks.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time of this process, where the JVM reports it (HotSpot does).
 *
 * <p>Threading: stateless; any thread.
 */
final class Cpu {
    private Cpu() {}

    /** CPU time used by all threads of this process so far, or 0 if unknown. */
    static long processNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot
                ? hotspot.getProcessCpuTime() : 0;
    }
}
