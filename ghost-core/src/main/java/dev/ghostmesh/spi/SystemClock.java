package dev.ghostmesh.spi;

import java.time.Instant;

/**
 * {@link MeshClock#system()}: the one place the library reads the machine's clocks.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class SystemClock implements MeshClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "system clock";
    }
}
