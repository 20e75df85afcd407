package dev.ghostmesh.cli;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.SecurityProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informational screens: the startup banner, {@code /peers} and {@code /status}.
 * Each line starts with {@code "* "} like every system line.
 *
 * <p>Threading: called by the input thread (the banner by the main thread before input
 * starts); reads the node's snapshots, which never block.
 */
final class StatusView {
    /** Known nodes listed by /status before "... and N more". */
    private static final int MAX_LISTED_NODES = 20;

    private final MeshNode node;
    private final ChatView view;
    /** The LAN discovery, or null when it is off. */
    private final LanSetup lan;

    StatusView(MeshNode node, ChatView view, LanSetup lan) {
        this.node = node;
        this.view = view;
        this.lan = lan;
    }

    /** The port the node listens on, or 0 if it does not listen. */
    static int listenPort(NodeStatus s) {
        return s.listening().isEmpty() ? 0 : s.listening().get(0).port();
    }

    void banner() {
        NodeStatus s = node.status();
        view.system(VersionProvider.versionLine() + " - serverless mesh chat");
        view.system("username: " + view.self() + "  (codename " + Sanitizer.clean(s.codename())
                + ")");
        view.system("ID: " + s.id().hex());
        view.system("listening on port " + listenPort(s));
        if (lan == null) {
            view.system("LAN discovery off (--no-discovery): connect with --connect or /connect");
        } else if (lan.startError() != null) {
            view.error("LAN discovery did not start: " + Sanitizer.clean(lan.startError())
                    + "; connect with --connect or /connect");
        } else {
            view.system("LAN discovery on: " + lan.where() + "; nodes found are connected to");
        }
        view.system("Type /help for commands");
    }

    /**
     * Direct peers, then each address given to /connect or --connect that has no link now:
     * <pre>
     * * peers (1):
     * *   alice#1234abcd  127.0.0.1:5555  outbound
     * *   127.0.0.1:5556  connecting (retry in 4 s: connection refused)
     * *   bob#9876fedc  127.0.0.1:5557  connecting (dialing now; last: link closed)
     * </pre>
     */
    void peers(List<PeerInfo> peers, List<ConnectionInfo> connections) {
        Set<NodeId> linked = peers.stream().map(PeerInfo::id).collect(Collectors.toSet());
        if (peers.isEmpty()) {
            view.system("no peers connected (use /connect <host> [port])");
        } else {
            view.system("peers (" + peers.size() + "):");
        }
        for (PeerInfo p : peers) {
            view.system("  " + UserResolver.qualified(p.username(), p.id()) + "  "
                    + Sanitizer.clean(Addresses.show(p.address()))
                    + (p.inbound() ? "  inbound" : "  outbound")
                    + (p.inbound() && p.listenPort() > 0 ? " (listens on " + p.listenPort() + ")"
                            : ""));
        }
        Instant now = Instant.now();
        for (ConnectionInfo c : connections) {
            // Linked to the node it proved to be, whichever side dialed: nothing pending.
            if (!c.peer().map(linked::contains).orElse(false)) {
                view.system("  " + pending(c, now));
            }
        }
    }

    /** {@code [name#id  ]host:port  connecting (...)} for a wanted address without a link. */
    String pending(ConnectionInfo c, Instant now) {
        String who = c.peer().map(id -> view.label(id) + "  ").orElse("");
        String why = c.lastError().map(e -> Sanitizer.clean(Addresses.show(e, c.address())))
                .orElse(null);
        String state;
        if (c.state() == ConnectionInfo.State.WAITING && c.nextAttempt().isPresent()) {
            long ms = Duration.between(now, c.nextAttempt().get()).toMillis();
            state = "retry in " + Math.max(1, (ms + 999) / 1000) + " s"
                    + (why != null ? ": " + why : "");
        } else {
            state = "dialing now" + (why != null ? "; last: " + why : "");
        }
        return who + Sanitizer.clean(Addresses.show(c.address())) + "  connecting (" + state
                + ")";
    }

    void status() {
        NodeStatus s = node.status();
        view.system("username: " + view.self() + "  (codename " + Sanitizer.clean(s.codename())
                + ")");
        view.system("ID: " + s.id().hex());
        view.system("listening on port " + listenPort(s) + "  ("
                + s.listening().stream().map(StatusView::where)
                        .collect(Collectors.joining(", ")) + ")");
        view.system("peers: " + s.peers() + "  known nodes: " + s.knownNodes() + "  uptime: "
                + uptime(s.uptime()));
        view.system("LAN discovery: " + (lan == null ? "off (--no-discovery)" : lan.summary()));
        view.system("security profile: " + (node.profile() == SecurityProfile.OPEN
                ? "open (plaintext links, unsigned messages)"
                : "secure (encrypted links, signed messages)"));
        view.system("signatures: " + signatures(s, node.profile()));
        view.system("messages: " + s.messagesSent() + " sent, " + s.messagesDelivered()
                + " received, " + s.packetsRelayed() + " relayed");
        view.system("dropped: " + s.duplicatesDropped() + " duplicate, " + s.invalidDropped()
                + " invalid, " + s.replayedDropped() + " replayed, " + s.staleDropped()
                + " stale, " + s.rateLimited() + " over rate limits, " + s.sendDropped()
                + " send queue, " + s.inboundDropped() + " inbound queue; links refused: "
                + s.linksRefused() + "; listener errors: " + s.listenerErrors());
        List<NodeInfo> nodes = node.nodes();
        for (int i = 0; i < nodes.size() && i < MAX_LISTED_NODES; i++) {
            NodeInfo n = nodes.get(i);
            view.system("  " + UserResolver.qualified(n.username(), n.id()) + "  "
                    + Sanitizer.clean(n.codename()) + "  " + (!n.reachable() ? "unreachable"
                            : n.hops() + (n.hops() == 1 ? " hop" : " hops")));
        }
        if (nodes.size() > MAX_LISTED_NODES) {
            view.system("  ... and " + (nodes.size() - MAX_LISTED_NODES) + " more");
        }
    }

    /**
     * The Ed25519 implementation and what it did: {@code libsodium 1.0.18 (Ed25519); 12
     * verified, 3 skipped (sent by the linked peer itself)}; in the open profile only the
     * implementation, which then signs nothing.
     */
    static String signatures(NodeStatus s, SecurityProfile profile) {
        String provider = Sanitizer.clean(s.signatureProvider()) + " (Ed25519)";
        if (profile == SecurityProfile.OPEN) {
            return "none in the open profile (" + provider + " unused)";
        }
        return provider + "; " + s.signaturesVerified() + " verified, " + s.signaturesSkipped()
                + " skipped (sent by the linked peer itself)";
    }

    /** The /help text, one system line each (ghost-cli/README.md shows it). */
    static List<String> helpLines() {
        return CommandHelp.overview();
    }

    /** A listen address for people: the wildcard address means every interface. */
    static String where(PeerAddress a) {
        String h = a.host();
        boolean any = h.equals("0.0.0.0") || h.equals("::") || h.matches("[0:]+");
        return any ? "all interfaces" : Sanitizer.clean(Addresses.show(a));
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

}
