package dev.ghostmesh.internal.link;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the links this node wants: addresses given to {@code connect} are re-dialed with
 * exponential backoff and jitter whenever their link is down; with auto-connect on, peers that
 * discoveries find are dialed, and while the node has fewer than its target links it dials
 * nodes it knows from their announced addresses, so a mesh whose middle dies re-forms by itself.
 *
 * <p>Threading: confined to the node thread, except {@link #view()} which reads a snapshot.
 */
public final class Connector implements LinkManager.Events {
    private static final int MAX_BACKOFF_ENTRIES = 1024;

    /** One wanted address and where it stands. */
    private static final class Wanted {
        final PeerAddress address;
        ConnectionInfo.State state = ConnectionInfo.State.CONNECTING;
        NodeId peer;
        String lastError;
        Instant nextAttempt;
        int attempts;
        Timer timer;
        CompletableFuture<PeerInfo> current;

        Wanted(PeerAddress address) {
            this.address = address;
        }
    }

    /** Failed automatic dials, so a dead or lying address is not hammered. */
    private record Backoff(int attempts, long notBeforeNanos) {}

    /** An automatic dial target: the address and the id it is claimed to have. */
    private record Claim(PeerAddress address, NodeId id) {}

    /** Least time between two automatic dials to one address, whatever ids are claimed for it. */
    private static final long AUTO_DIAL_SPACING_NANOS = 1_000_000_000L;

    private final NodeContext node;
    private final Dialer dialer;
    private final LinkManager links;
    private final Directory directory;
    private final Map<PeerAddress, Wanted> wanted = new LinkedHashMap<>();
    // Keyed by claim, not address: a forged claim for an address must not delay the genuine
    // one. The per-address spacing below still stops forged claims from making us hammer it.
    private final Map<Claim, Backoff> autoBackoff = lru();
    private final Map<PeerAddress, Long> lastAutoDial = lru();
    /** Holds the nodes the user disconnected from: never dialed automatically again. */
    private final Blocklist blocklist;
    private final SplittableRandom random = new SplittableRandom();
    private volatile List<ConnectionInfo> view = List.of();

    public Connector(NodeContext node, LinkManager links, Blocklist blocklist,
            Directory directory) {
        this.node = node;
        this.dialer = links.dialer();
        this.blocklist = blocklist;
        this.links = links;
        this.directory = directory;
    }

    public List<ConnectionInfo> view() {
        return view;
    }

    /** Keeps a link to {@code address}; the future reports the attempt made now (if any). */
    public CompletableFuture<PeerInfo> connect(PeerAddress address) {
        Wanted w = wanted.computeIfAbsent(address, Wanted::new);
        if (w.timer != null) {
            w.timer.cancel();
        }
        if (w.state == ConnectionInfo.State.CONNECTED && w.peer != null
                && links.isDirectPeer(w.peer)) {
            PeerInfo current = links.peers().stream().filter(p -> p.id().equals(w.peer))
                    .findFirst().orElse(null);
            if (current != null) {
                return CompletableFuture.completedFuture(current);
            }
        }
        if (w.state == ConnectionInfo.State.CONNECTING && w.current != null) {
            return w.current; // an attempt is already under way: report that one
        }
        return attempt(w);
    }

    private CompletableFuture<PeerInfo> attempt(Wanted w) {
        w.state = ConnectionInfo.State.CONNECTING;
        w.nextAttempt = null;
        publish();
        CompletableFuture<PeerInfo> f = dialer.dial(w.address, null);
        f.whenComplete((peer, error) -> node.loop().execute(() -> attempted(w, peer,
                error == null ? null : why(w.address, Dialer.unwrap(error)))));
        w.current = f.handle((peer, error) -> {
            if (error != null) {
                Throwable cause = Dialer.unwrap(error);
                // "tcp:10.0.0.5:80 is not a ghost-terminal node" says it all; "cannot connect to"
                // would suggest trying again is worth something.
                throw new MeshException(cause instanceof ForeignPeer.Failure
                        ? why(w.address, cause) : "cannot connect to " + w.address + ": "
                                + why(w.address, cause), cause);
            }
            return peer;
        });
        return w.current;
    }

    /** Why a dial to {@code address} failed, in a user's words. */
    private static String why(PeerAddress address, Throwable cause) {
        return cause instanceof ForeignPeer.Failure f ? f.about(address)
                : LinkManager.describe(cause);
    }

    private void attempted(Wanted w, PeerInfo peer, String error) {
        if (wanted.get(w.address) != w) {
            // Disconnected while this dial was in flight (the caller may have seen the dial's
            // future complete before this ran): the link it made must not outlive that.
            if (error == null && w.peer == null) {
                blocklist.refuse(peer.id());
                links.disconnect(peer.id(), "disconnected by this node");
            }
            return;
        }
        w.current = null;
        if (error == null) {
            w.state = ConnectionInfo.State.CONNECTED;
            w.peer = peer.id();
            blocklist.allow(peer.id()); // asked for explicitly again
            w.attempts = 0;
            w.lastError = null;
            publish();
        } else {
            w.attempts++;
            w.lastError = error;
            retryLater(w);
        }
    }

    private void retryLater(Wanted w) {
        if (w.timer != null) {
            w.timer.cancel();
        }
        Duration delay = backoff(Math.max(1, w.attempts));
        w.state = ConnectionInfo.State.WAITING;
        w.nextAttempt = node.clock().instant().plus(delay);
        w.timer = node.loop().schedule(() -> {
            if (wanted.get(w.address) == w && w.state == ConnectionInfo.State.WAITING) {
                attempt(w);
            }
        }, delay.toMillis());
        publish();
    }

    /** min × 2^(n−1), capped at max, times a random factor in [0.8, 1.2). */
    private Duration backoff(int attempts) {
        long min = node.config().reconnectMin().toMillis();
        long max = node.config().reconnectMax().toMillis();
        long base = attempts >= 31 ? max : Math.min(max, min << (attempts - 1));
        return Duration.ofMillis((long) (base * (0.8 + 0.4 * random.nextDouble())));
    }

    /** The last link to {@code peer} closed: re-dial the addresses that led to it. */
    @Override
    public void onPeerGone(NodeId peer) {
        for (Wanted w : wanted.values()) {
            if (peer.equals(w.peer) && w.state == ConnectionInfo.State.CONNECTED) {
                w.attempts = 0;
                w.lastError = "link closed";
                retryLater(w);
            }
        }
    }

    /** Stops keeping {@code address}; closes its link. */
    public boolean disconnect(PeerAddress address) {
        Wanted w = wanted.remove(address);
        if (w == null) {
            return false;
        }
        if (w.timer != null) {
            w.timer.cancel();
        }
        if (w.peer != null) {
            blocklist.refuse(w.peer);
            links.disconnect(w.peer, "disconnected by this node");
        }
        publish();
        return true;
    }

    /** Closes links to {@code peer} and stops keeping addresses that proved to be it. */
    public boolean disconnect(NodeId peer) {
        blocklist.refuse(peer);
        boolean any = links.disconnect(peer, "disconnected by this node");
        List<PeerAddress> theirs = new ArrayList<>();
        wanted.forEach((address, w) -> {
            if (peer.equals(w.peer)) {
                theirs.add(address);
            }
        });
        for (PeerAddress address : theirs) {
            any |= disconnect(address);
        }
        return any;
    }

    /** A discovery found {@code address}, claimed to be {@code claimed}. */
    public void onFound(PeerAddress address, NodeId claimed) {
        if (node.config().autoConnect() && claimed != null
                && !claimed.equals(node.identity().id()) && !links.isDirectPeer(claimed)
                && !blocklist.refuses(claimed)) {
            tryAuto(address, claimed);
        }
    }

    /** Peer exchange: below the target, dial a known node we are not linked to. */
    public void tick() {
        if (!node.config().autoConnect()) {
            return;
        }
        int missing = node.config().targetLinks() - links.peers().size();
        if (missing <= 0) {
            return;
        }
        List<NodeInfo> candidates = new ArrayList<>(directory.view());
        Collections.shuffle(candidates, new java.util.Random(random.nextLong()));
        for (NodeInfo n : candidates) {
            if (missing <= 0) {
                break;
            }
            if (links.isDirectPeer(n.id()) || blocklist.refuses(n.id())) {
                continue;
            }
            for (PeerAddress address : n.addresses()) {
                if (tryAuto(address, n.id())) {
                    missing--;
                    break;
                }
            }
        }
    }

    /**
     * Dials automatically unless no transport here claims the address (another node's announce
     * may list addresses of transports this node lacks), or already dialing, wanted, or
     * backing off; true if it dialed.
     */
    private boolean tryAuto(PeerAddress address, NodeId expected) {
        if (!dialer.canDial(address)) {
            return false;
        }
        Claim claim = new Claim(address, expected);
        Backoff b = autoBackoff.get(claim);
        long now = node.clock().nanoTime();
        Long last = lastAutoDial.get(address);
        if (dialer.dialing(address) || wanted.containsKey(address)
                || (b != null && now < b.notBeforeNanos())
                || (last != null && now - last < AUTO_DIAL_SPACING_NANOS)) {
            return false;
        }
        lastAutoDial.put(address, now);
        dialer.dial(address, expected).whenComplete((peer, error) ->
                node.loop().execute(() -> {
                    if (error == null) {
                        autoBackoff.remove(claim);
                    } else {
                        int attempts = b == null ? 1 : b.attempts() + 1;
                        autoBackoff.put(claim, new Backoff(attempts,
                                node.clock().nanoTime() + backoff(attempts).toNanos()));
                    }
                }));
        return true;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_BACKOFF_ENTRIES;
            }
        };
    }

    private void publish() {
        List<ConnectionInfo> list = new ArrayList<>(wanted.size());
        for (Wanted w : wanted.values()) {
            list.add(new ConnectionInfo(w.address, w.state, Optional.ofNullable(w.peer),
                    Optional.ofNullable(w.lastError), Optional.ofNullable(w.nextAttempt),
                    w.attempts));
        }
        view = List.copyOf(list);
    }
}
