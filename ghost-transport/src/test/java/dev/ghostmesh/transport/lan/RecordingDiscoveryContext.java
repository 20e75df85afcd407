package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.PeerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link DiscoveryContext} for tests: records every report, and records contract violations
 * (a null argument, a report of its own id, a call from a thread other than the discovery's)
 * instead of throwing them on the discovery thread, where nobody would see them.
 *
 * <p>Threading: callbacks come from the discovery thread, queries from the test thread; one
 * monitor guards everything.
 */
final class RecordingDiscoveryContext implements DiscoveryContext {
    /** One onPeerFound call. */
    record Report(PeerAddress address, NodeId claimedId, long atNanos) {
    }

    private final NodeId localId;
    private final List<PeerAddress> listening;
    private final List<Report> reports = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private volatile Consumer<Report> onReport = r -> { };

    RecordingDiscoveryContext(NodeId localId, int tcpPort) {
        this.localId = localId;
        this.listening = tcpPort == 0 ? List.of() : List.of(new PeerAddress("0.0.0.0", tcpPort));
    }

    /** Runs {@code action} on the discovery thread after each report is recorded. */
    void onReport(Consumer<Report> action) {
        this.onReport = action;
    }

    @Override
    public NodeId localId() {
        return localId;
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return listening;
    }

    @Override
    public void onPeerFound(PeerAddress address, NodeId claimedId) {
        Report r = new Report(address, claimedId, System.nanoTime());
        synchronized (this) {
            String thread = Thread.currentThread().getName();
            if (!thread.startsWith("ghost-lan-")) {
                violations.add("onPeerFound on thread " + thread);
            }
            if (address == null || claimedId == null) {
                violations.add("onPeerFound(" + address + ", " + claimedId + ")");
            } else if (claimedId.equals(localId)) {
                violations.add("reported itself at " + address);
            }
            reports.add(r);
        }
        onReport.accept(r);
    }

    synchronized List<Report> reports() {
        return List.copyOf(reports);
    }

    /** True once {@code id} was reported at {@code address}. */
    synchronized boolean found(NodeId id, PeerAddress address) {
        return firstReport(id, address) != null;
    }

    synchronized Report firstReport(NodeId id, PeerAddress address) {
        for (Report r : reports) {
            if (r.claimedId().equals(id) && r.address().equals(address)) {
                return r;
            }
        }
        return null;
    }

    synchronized long reportsFrom(String host) {
        return reports.stream().filter(r -> r.address().host().equals(host)).count();
    }

    synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("discovery context violations: " + violations);
        }
    }
}
