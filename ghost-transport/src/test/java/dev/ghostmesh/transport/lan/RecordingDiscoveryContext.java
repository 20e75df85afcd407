package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.testing.ContextLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link DiscoveryContext} for tests: a real node loop ({@link ContextLoop}, one thread shared
 * by the tests' fakes, as a node's loop thread is shared by its nodes) where the discovery runs;
 * records every report, and records contract violations (a null argument, a report of its own
 * id, a report made off the loop) instead of throwing them on the loop, where nobody would see
 * them.
 *
 * <p>Threading: the loop methods from any thread ({@code register} on the loop); reports come
 * from the loop, queries from the test thread; one monitor guards the records.
 */
final class RecordingDiscoveryContext extends ContextLoop.LoopBacked implements DiscoveryContext {
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
        // Another transport's address first: a beacon carries the TCP port, not the first one.
        this.listening = tcpPort == 0 ? List.of(PeerAddress.local("lan-test"))
                : List.of(PeerAddress.local("lan-test"), PeerAddress.tcp("0.0.0.0", tcpPort));
    }

    /** Runs {@code action} on the loop after each report is recorded. */
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
            if (!inLoop()) {
                violations.add("onPeerFound off the loop, on " + Thread.currentThread().getName());
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
