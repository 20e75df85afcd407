package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informational replies of the JSON mode as structured fields: {@code peers},
 * {@code nodes}, {@code groups}, {@code status} and {@code history}, the data of the chat's
 * /peers, /nodes, /groups, /status and /history without their wording. Lists are complete:
 * the node bounds what it keeps (known nodes, groups), so they are bounded too; a history
 * reply, by its limit.
 *
 * <p>Threading: called by the input thread; reads the node's snapshots, which never block.
 */
final class JsonViews {
    private final MeshNode node;
    /** The LAN discovery, or null when it is off. */
    private final LanSetup lan;

    JsonViews(MeshNode node, LanSetup lan) {
        this.node = node;
        this.lan = lan;
    }

    /** {@code on}, {@code off} (--no-discovery) or {@code failed} (see the log). */
    String discovery() {
        return lan == null ? "off" : lan.startError() != null ? "failed" : "on";
    }

    /** "peers": the direct links; "connecting": wanted addresses that have none now. */
    static void peers(JsonGenerator g, List<PeerInfo> peers, List<ConnectionInfo> connections)
            throws IOException {
        Set<NodeId> linked = peers.stream().map(PeerInfo::id).collect(Collectors.toSet());
        g.writeArrayFieldStart("peers");
        for (PeerInfo p : peers) {
            g.writeStartObject();
            g.writeStringField("id", p.id().hex());
            g.writeStringField("name", p.username());
            g.writeStringField("address", Addresses.show(p.address()));
            g.writeBooleanField("inbound", p.inbound());
            g.writeNumberField("listenPort", p.listenPort());
            g.writeStringField("connectedAt", p.connectedAt().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("connecting");
        for (ConnectionInfo c : connections) {
            if (c.peer().map(linked::contains).orElse(false)) {
                continue; // linked to the node it proved to be: nothing pending
            }
            g.writeStartObject();
            g.writeStringField("address", Addresses.show(c.address()));
            g.writeStringField("state", c.state().name().toLowerCase(Locale.ROOT));
            if (c.peer().isPresent()) {
                g.writeStringField("peer", c.peer().get().hex());
            }
            if (c.lastError().isPresent()) {
                g.writeStringField("lastError", Addresses.show(c.lastError().get(),
                        c.address()));
            }
            if (c.nextAttempt().isPresent()) {
                g.writeStringField("nextAttempt", c.nextAttempt().get().toString());
            }
            g.writeNumberField("attempts", c.attempts());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** "nodes": every other node known in the mesh, nearest first. */
    void nodes(JsonGenerator g) throws IOException {
        nodes(g, node.nodes(), node.groups());
    }

    /** "nodes": {@code nodes}, with their memberships in {@code groups}. */
    static void nodes(JsonGenerator g, List<NodeInfo> nodes, List<GroupInfo> groups)
            throws IOException {
        g.writeArrayFieldStart("nodes");
        for (NodeInfo n : nodes) {
            g.writeStartObject();
            node(g, n, groups);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The fields of one node, as {@code nodes} lists it and {@code whois} replies. */
    static void node(JsonGenerator g, NodeInfo n, List<GroupInfo> groups) throws IOException {
        g.writeStringField("id", n.id().hex());
        g.writeStringField("name", n.username());
        g.writeStringField("codename", n.codename());
        g.writeNumberField("hops", n.hops());
        g.writeBooleanField("reachable", n.reachable());
        via(g, n);
        g.writeNumberField("listenPort", n.listenPort());
        g.writeArrayFieldStart("addresses");
        for (PeerAddress a : n.addresses()) {
            g.writeString(Addresses.show(a));
        }
        g.writeEndArray();
        // The group table rather than n.groups(), which lags a join by an announce.
        g.writeArrayFieldStart("groups");
        for (GroupInfo group : groups) {
            if (group.members().contains(n.id())) {
                g.writeString(group.name().display());
            }
        }
        g.writeEndArray();
        g.writeStringField("lastSeen", n.lastSeen().toString());
    }

    /** "via": the direct peer a node is reached through, for nodes more than one hop away. */
    static void via(JsonGenerator g, NodeInfo n) throws IOException {
        if (!n.direct() && n.via().isPresent()) {
            g.writeStringField("via", n.via().get().hex());
        }
    }

    /**
     * "entries": what {@code history} found, oldest first, each as a {@code message} event
     * carries it plus {@code to} (private), {@code receivedAt}, {@code late} and {@code own};
     * "peer": the node of the conversation asked for.
     */
    static void history(JsonGenerator g, CommandResult.History h, MeshNode node)
            throws IOException {
        if (h.peer() != null) {
            g.writeStringField("peer", h.peer().id().hex());
        }
        g.writeArrayFieldStart("entries");
        for (HistoryEntry e : h.entries()) {
            Message m = e.message();
            g.writeStartObject();
            g.writeStringField("id", m.id().hex());
            g.writeStringField("kind", m.kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("from", m.sender().hex());
            g.writeStringField("fromName", m.senderName());
            if (m.kind() == MessageKind.PRIVATE && m.target().isPresent()) {
                g.writeStringField("to", m.target().get().hex());
                String toName = h.names().get(m.target().get());
                if (toName != null) {
                    g.writeStringField("toName", toName);
                }
            }
            if (m.kind() == MessageKind.GROUP && m.group().isPresent()) {
                g.writeStringField("group", GroupActions.meshSpelling(node, m.group().get()));
            }
            g.writeStringField("text", m.text());
            g.writeStringField("sentAt", m.sentAt().toString());
            g.writeStringField("receivedAt", e.receivedAt().toString());
            g.writeNumberField("hops", m.hops());
            g.writeBooleanField("late", e.late());
            g.writeBooleanField("own", m.sender().equals(node.id()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** "groups": {@code groups} (every group known in the mesh, or ours). */
    static void groups(JsonGenerator g, List<GroupInfo> groups) throws IOException {
        g.writeArrayFieldStart("groups");
        for (GroupInfo group : groups) {
            g.writeStartObject();
            group(g, group);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The fields of one group: name, creator, members (ids), joined, protected. */
    static void group(JsonGenerator g, GroupInfo group) throws IOException {
        g.writeStringField("group", group.name().display());
        g.writeStringField("creator", group.creator().hex());
        g.writeStringField("createdAt", group.createdAt().toString());
        g.writeArrayFieldStart("members");
        for (NodeId id : group.members().stream().sorted().toList()) {
            g.writeString(id.hex());
        }
        g.writeEndArray();
        g.writeBooleanField("joined", group.joined());
        g.writeBooleanField("protected", group.protectedGroup());
    }

    /**
     * Our identity, listening addresses, discovery, profile, Ed25519 implementation and the
     * counters of /status.
     */
    void status(JsonGenerator g) throws IOException {
        NodeStatus s = node.status();
        g.writeStringField("nodeId", s.id().hex());
        g.writeStringField("username", s.username());
        g.writeStringField("codename", s.codename());
        g.writeNumberField("port", StatusView.listenPort(s));
        g.writeArrayFieldStart("listening");
        for (PeerAddress a : s.listening()) {
            g.writeString(Addresses.show(a));
        }
        g.writeEndArray();
        g.writeNumberField("peers", s.peers());
        g.writeNumberField("knownNodes", s.knownNodes());
        g.writeNumberField("uptimeSeconds", s.uptime().getSeconds());
        g.writeStringField("profile", node.profile().name().toLowerCase(Locale.ROOT));
        g.writeStringField("signatureProvider", s.signatureProvider());
        g.writeStringField("discovery", discovery());
        g.writeArrayFieldStart("groups");
        for (GroupName name : node.groups().stream().filter(GroupInfo::joined)
                .map(GroupInfo::name).toList()) {
            g.writeString(name.display());
        }
        g.writeEndArray();
        g.writeObjectFieldStart("counters");
        g.writeNumberField("messagesSent", s.messagesSent());
        g.writeNumberField("messagesReceived", s.messagesDelivered());
        g.writeNumberField("packetsRelayed", s.packetsRelayed());
        g.writeNumberField("duplicatesDropped", s.duplicatesDropped());
        g.writeNumberField("invalidDropped", s.invalidDropped());
        g.writeNumberField("replayedDropped", s.replayedDropped());
        g.writeNumberField("staleDropped", s.staleDropped());
        g.writeNumberField("rateLimited", s.rateLimited());
        g.writeNumberField("sendDropped", s.sendDropped());
        g.writeNumberField("inboundDropped", s.inboundDropped());
        g.writeNumberField("linksRefused", s.linksRefused());
        g.writeNumberField("signaturesVerified", s.signaturesVerified());
        g.writeNumberField("signaturesSkipped", s.signaturesSkipped());
        g.writeNumberField("listenerErrors", s.listenerErrors());
        g.writeEndObject();
    }
}
