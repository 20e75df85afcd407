package dev.ghostmesh.internal.link;

import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.TokenBucket;
import dev.ghostmesh.spi.Link;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether an inbound link may start its handshake: caps on links and on handshakes in
 * progress (globally and per remote host), and a per-host budget of new links.
 *
 * <p>Threading: confined to the node thread.
 */
final class LinkAdmission {
    private static final double HANDSHAKES_PER_HOST_PER_SECOND = 10;
    private static final int HANDSHAKE_BURST_PER_HOST = 20;
    private static final int MAX_HOSTS_TRACKED = 1024;

    private final NodeContext node;
    /** New inbound links per remote host; least recently seen hosts forgotten first. */
    private final Map<String, TokenBucket> handshakesByHost = new LinkedHashMap<>(16, 0.75f,
            true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > MAX_HOSTS_TRACKED;
        }
    };

    LinkAdmission(NodeContext node) {
        this.node = node;
    }

    /**
     * Why an inbound link cannot be taken now, or null: caps on links and on handshakes in
     * progress, globally and per remote host, so half-open connections cannot crowd out peers.
     */
    String problem(Link link, Collection<LinkSession> sessions, int readyLinks) {
        if (readyLinks >= node.config().limits().maxLinks()) {
            return "too many links (" + node.config().limits().maxLinks() + ")";
        }
        int pending = 0;
        int fromHost = 0;
        String host = link.remoteAddress().host();
        for (LinkSession other : sessions) {
            if (other.handshaking() && other.link != link) {
                pending++;
                if (other.link.inbound() && host.equals(other.link.remoteAddress().host())) {
                    fromHost++;
                }
            }
        }
        if (pending >= node.config().limits().maxPendingHandshakes()) {
            return "too many handshakes in progress (" + pending + ")";
        }
        if (fromHost >= node.config().limits().maxPendingHandshakesPerHost()) {
            return "too many handshakes in progress from " + host;
        }
        // Each answered handshake costs three X25519 operations: a host that opens and drops
        // connections in a loop must not turn that into a CPU flood.
        TokenBucket budget = handshakesByHost.computeIfAbsent(host, h -> new TokenBucket(
                HANDSHAKES_PER_HOST_PER_SECOND, HANDSHAKE_BURST_PER_HOST, node.clock().nanoTime()));
        if (!budget.tryTake(node.clock().nanoTime())) {
            return "too many new links from " + host;
        }
        return null;
    }

}
