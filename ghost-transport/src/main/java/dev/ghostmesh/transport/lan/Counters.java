package dev.ghostmesh.transport.lan;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters behind {@link LanDiscovery.Stats}.
 *
 * <p>Threading: written on the node's loop (where the discovery runs), read by any thread.
 */
final class Counters {
    final AtomicLong beaconsSent = new AtomicLong();
    final AtomicLong beaconsReceived = new AtomicLong();
    final AtomicLong ownIgnored = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong reported = new AtomicLong();

    LanDiscovery.Stats snapshot() {
        return new LanDiscovery.Stats(beaconsSent.get(), beaconsReceived.get(), ownIgnored.get(),
                invalid.get(), rateLimited.get(), reported.get());
    }
}
