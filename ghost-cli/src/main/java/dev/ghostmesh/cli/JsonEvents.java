package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.Delivery;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The node's events as JSON objects, one per event (see ghost-cli/README.md, "JSON mode").
 * Unlike the chat screen, which leaves out what the user's own command already said, every
 * event is written, our own group actions included ({@code "self":true}): a bot keeps its
 * state from the events alone. Names are the raw usernames with the node's id beside them;
 * telling look-alikes apart is the reader's business, by id.
 *
 * <p>Threading: the callbacks run on the node's listener thread, one at a time; they wait for
 * {@link #ready} (written by the main thread once the node listens) so that it is always the
 * first object. {@link #connectFailed} is called from whichever thread fails the dial.
 */
final class JsonEvents implements MeshListener {
    /** Bound on holding events back until "ready": the main thread writes it right after start. */
    private static final long READY_WAIT_SECONDS = 10;

    private final MeshNode node;
    private final JsonOutput out;
    private final CountDownLatch readyWritten = new CountDownLatch(1);
    /** Last username heard per node, for nodes that have left; listener thread only. */
    private final RememberedNames names;
    /**
     * Marks what a new link's catch-up reports ({@code "sync":true}) as the chat screen sums
     * it up; no summary object: a bot has every event. No timer: only the flag is needed.
     */
    private final SyncWindow sync = new SyncWindow(System::nanoTime, null, () -> { });

    JsonEvents(MeshNode node, JsonOutput out) {
        this.node = node;
        this.out = out;
        this.names = new RememberedNames(node);
    }

    /**
     * {@code ready}: the node listens; {@code discovery} is on, off or failed; {@code history}
     * disk, memory or failed, with {@code historyError} saying why when it failed.
     */
    void ready(int port, String discovery, String history, String historyError) {
        out.emit("ready", g -> {
            g.writeStringField("id", node.id().hex());
            g.writeStringField("codename", node.identity().codename());
            g.writeStringField("username", node.username());
            g.writeNumberField("port", port);
            g.writeStringField("profile", node.profile().name().toLowerCase(Locale.ROOT));
            g.writeStringField("discovery", discovery);
            g.writeStringField("history", history);
            if (historyError != null) {
                g.writeStringField("historyError", historyError);
            }
            g.writeStringField("version", VersionProvider.versionLine());
        });
        readyWritten.countDown();
    }

    /** The first dial to an address given to connect failed; the node keeps re-dialing it. */
    void connectFailed(PeerAddress address, String reason) {
        out.emit("connect_failed", g -> {
            g.writeStringField("address", Addresses.show(address));
            g.writeStringField("reason", reason);
        });
    }

    /**
     * {@code delivery}: a message on a topic this session subscribes to. The payload is
     * {@code text} when it is valid UTF-8, else {@code data} (base64); {@code direct} is true
     * for a {@code send} to this node alone.
     */
    void delivery(Delivery d) {
        byte[] payload = d.payloadBytes();
        String text = TopicActions.text(payload);
        emit("delivery", g -> {
            g.writeStringField("topic", d.topic());
            g.writeStringField("id", d.id().hex());
            g.writeStringField("from", d.sender().hex());
            g.writeStringField("fromName", d.senderName());
            if (text != null) {
                g.writeStringField("text", text);
            } else {
                g.writeStringField("data", Base64.getEncoder().encodeToString(payload));
            }
            g.writeNumberField("size", payload.length);
            g.writeBooleanField("direct", d.direct());
            g.writeStringField("sentAt", d.sentAt().toString());
            g.writeNumberField("hops", d.hops());
        });
    }

    private void emit(String type, JsonOutput.Fields fields) {
        try {
            readyWritten.await(READY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.emit(type, fields);
    }

    @Override
    public void onMessage(Message m) {
        String kind = m.kind() == MessageKind.PRIVATE ? "private"
                : m.kind() == MessageKind.GROUP && m.group().isPresent() ? "group" : "broadcast";
        names.heard(m.sender(), m.senderName());
        emit("message", g -> {
            g.writeStringField("kind", kind);
            g.writeStringField("id", m.id().hex());
            g.writeStringField("from", m.sender().hex());
            g.writeStringField("fromName", m.senderName());
            if (kind.equals("group")) {
                g.writeStringField("group", GroupActions.meshSpelling(node, m.group().get()));
            }
            g.writeStringField("text", m.text());
            g.writeStringField("sentAt", m.sentAt().toString());
            g.writeNumberField("hops", m.hops());
            g.writeBooleanField("own", false);
            g.writeBooleanField("late", m.late());
        });
    }

    @Override
    public void onPrivateDelivered(Message m) {
        NodeId to = m.target().orElseThrow();
        emit("delivered", g -> receipt(g, m, to));
    }

    @Override
    public void onPrivateUndelivered(Message m, String reason) {
        NodeId to = m.target().orElseThrow();
        emit("undelivered", g -> {
            receipt(g, m, to);
            g.writeStringField("reason", reason);
        });
    }

    private void receipt(JsonGenerator g, Message m, NodeId to) throws IOException {
        g.writeStringField("id", m.id().hex());
        g.writeStringField("to", to.hex());
        g.writeStringField("toName", nameOf(to));
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        names.heard(peer.id(), peer.username());
        emit("peer_connected", g -> peer(g, peer));
        sync.linkUp();
    }

    @Override
    public void onPeerDisconnected(PeerInfo peer, String reason) {
        emit("peer_disconnected", g -> {
            peer(g, peer);
            g.writeStringField("reason", reason);
        });
    }

    private static void peer(JsonGenerator g, PeerInfo p) throws IOException {
        g.writeStringField("id", p.id().hex());
        g.writeStringField("name", p.username());
        g.writeStringField("address", Addresses.show(p.address()));
        g.writeBooleanField("inbound", p.inbound());
        g.writeNumberField("listenPort", p.listenPort());
    }

    @Override
    public void onNodeDiscovered(NodeInfo n) {
        names.heard(n.id(), n.username());
        boolean old = n.hops() > 1 && sync.absorb();
        emit("node_joined", g -> {
            node(g, n);
            JsonViews.via(g, n);
            g.writeBooleanField("sync", old);
        });
    }

    @Override
    public void onNodeLeft(NodeInfo n, String reason) {
        emit("node_left", g -> {
            node(g, n);
            g.writeStringField("reason", reason);
        });
    }

    private static void node(JsonGenerator g, NodeInfo n) throws IOException {
        g.writeStringField("id", n.id().hex());
        g.writeStringField("name", n.username());
        g.writeStringField("codename", n.codename());
        g.writeNumberField("hops", n.hops());
    }

    @Override
    public void onGroupCreated(GroupInfo group) {
        boolean old = !group.creator().equals(node.id()) && sync.absorb();
        emit("group_created", g -> {
            member(g, group, group.creator(), nameOf(group.creator()));
            g.writeBooleanField("sync", old);
        });
    }

    @Override
    public void onMemberJoined(GroupInfo group, NodeId member, String memberName) {
        String name = memberName(member, memberName);
        boolean old = !member.equals(node.id()) && sync.absorb();
        emit("member_joined", g -> {
            member(g, group, member, name);
            g.writeBooleanField("sync", old);
        });
    }

    @Override
    public void onMemberLeft(GroupInfo group, NodeId member, String memberName) {
        String name = memberName(member, memberName);
        emit("member_left", g -> member(g, group, member, name));
    }

    private void member(JsonGenerator g, GroupInfo group, NodeId id, String name)
            throws IOException {
        g.writeStringField("group", group.name().display());
        g.writeStringField("id", id.hex());
        g.writeStringField("name", name);
        g.writeBooleanField("protected", group.protectedGroup());
        g.writeBooleanField("joined", group.joined());
        g.writeBooleanField("self", id.equals(node.id()));
    }

    private String memberName(NodeId member, String reported) {
        return names.memberName(member, reported);
    }

    private String nameOf(NodeId id) {
        return names.nameOf(id, id.codename());
    }
}
