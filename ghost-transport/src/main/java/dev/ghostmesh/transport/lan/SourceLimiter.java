package dev.ghostmesh.transport.lan;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address, so one flooding host costs a bounded amount of work while
 * beacons from every other host still get through. Several honest nodes may share an address
 * (one host, NAT), hence a budget well above one node's beacon rate. The buckets themselves are
 * bounded: the least recently used source is forgotten first.
 *
 * <p>Threading: not thread-safe; used only on the node's loop, where the discovery runs. Time is
 * passed in (nanos from any monotonic source) so tests can drive it.
 */
final class SourceLimiter {
    private final double tokensPerNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /**
     * @param perSecond tokens added per second
     * @param burst bucket size: beacons a quiet source may send at once
     * @param maxSources buckets kept; older ones are dropped, so a dropped source starts full
     */
    SourceLimiter(double perSecond, int burst, int maxSources) {
        if (perSecond <= 0 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rate, burst and maxSources must be positive");
        }
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        // Access order makes the eldest entry the least recently heard source.
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token for {@code source}; false means the datagram must be dropped. */
    boolean tryAcquire(InetAddress source, long nowNanos) {
        Bucket b = buckets.get(source);
        if (b == null) {
            buckets.put(source, new Bucket(burst - 1, nowNanos));
            return true;
        }
        long elapsed = nowNanos - b.updated;
        if (elapsed > 0) {
            b.tokens = Math.min(burst, b.tokens + elapsed * tokensPerNano);
            b.updated = nowNanos;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    /** Number of sources with a bucket. */
    int sources() {
        return buckets.size();
    }
}
