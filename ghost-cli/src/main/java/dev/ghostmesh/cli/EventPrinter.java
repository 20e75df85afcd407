package dev.ghostmesh.cli;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Shows the node's events on the chat screen, one line each. Our own group actions are not
 * repeated here: the command that did them already printed its confirmation. Members joining
 * and leaving are shown only for the groups we are in, as on IRC; a group's creation is shown
 * for every group, so people learn which groups exist. What a new link's catch-up reports
 * (nodes, groups and members that existed before) is summed up in one line instead
 * ({@link SyncWindow}).
 *
 * <p>Threading: called on the node's listener thread, one event at a time; prints through
 * the thread-safe {@link ChatView}.
 */
final class EventPrinter implements MeshListener {
    private static final DateTimeFormatter LATE_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final MeshNode node;
    private final ChatView view;
    /** Only the listener thread touches it. */
    private final RememberedNames names;
    /** Tells a link's catch-up (summed up in one line) from live news. */
    private final SyncWindow sync;

    EventPrinter(MeshNode node, ChatView view) {
        this.node = node;
        this.view = view;
        this.names = new RememberedNames(node);
        this.sync = SyncWindow.system(() -> view.system(meshSummary(node)));
    }

    /**
     * {@code 12 nodes, 3 groups in the mesh (...)}: what a link's catch-up told us, in place
     * of a "joined" or "created" line for each node and group that already existed.
     */
    static String meshSummary(MeshNode node) {
        int nodes = node.nodes().size() + 1; // we are in the mesh too
        int groups = node.groups().size();
        return nodes + (nodes == 1 ? " node, " : " nodes, ") + groups
                + (groups == 1 ? " group" : " groups") + " in the mesh (/nodes and /groups"
                + " list them)";
    }

    @Override
    public void onMessage(Message m) {
        String from = view.label(m.sender(), m.senderName());
        String line;
        if (m.kind() == MessageKind.PRIVATE) {
            line = view.privateFromLine(from, m.text());
        } else if (m.kind() == MessageKind.GROUP && m.group().isPresent()) {
            line = view.groupLine(m.group().get(), from, m.text());
        } else {
            line = view.broadcastLine(from, m.text());
        }
        if (m.late()) {
            // Caught up after a split: said then, shown now, with the sender's time.
            view.late(LATE_TIME.format(m.sentAt().atZone(ZoneId.systemDefault())), line);
        } else {
            view.message(line);
        }
    }

    @Override
    public void onPrivateDelivered(Message m) {
        NodeId to = m.target().orElseThrow();
        view.delivered(view.label(to, nameOf(to)), m.text());
    }

    @Override
    public void onPrivateUndelivered(Message m, String reason) {
        NodeId to = m.target().orElseThrow();
        view.undelivered(view.label(to, nameOf(to)), m.text(), reason);
    }

    /** The name of a node we know, or remembered, or its short id. */
    private String nameOf(NodeId id) {
        return names.nameOf(id, id.shortHex());
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        names.heard(peer.id(), peer.username());
        view.system("connected to " + view.label(peer.id(), peer.username()) + " ("
                + Sanitizer.clean(Addresses.show(peer.address()))
                + (peer.inbound() ? ", inbound" : "") + ")");
        sync.linkUp();
    }

    @Override
    public void onPeerDisconnected(PeerInfo peer, String reason) {
        if (view.disconnectShown(peer.id())) {
            return; // the user's /disconnect, which printed its own line
        }
        view.system(view.label(peer.id(), peer.username()) + " disconnected ("
                + Sanitizer.clean(reason) + ")");
    }

    @Override
    public void onNodeDiscovered(NodeInfo n) {
        names.heard(n.id(), n.username());
        // A direct peer was just announced by "connected to ..."; say "joined" only for nodes
        // we learn about through the mesh.
        if (n.hops() > 1 && !sync.absorb()) {
            view.system(view.label(n.id(), n.username()) + " joined the mesh");
        }
    }

    @Override
    public void onNodeLeft(NodeInfo n, String reason) {
        view.system(view.label(n.id(), n.username()) + " left the mesh ("
                + Sanitizer.clean(reason) + ")");
    }

    @Override
    public void onGroupCreated(GroupInfo group) {
        if (!group.creator().equals(node.id()) && !sync.absorb()) {
            view.system(view.label(group.creator()) + " created #"
                    + Sanitizer.clean(group.name().display()) + GroupLines.protectedMark(group));
        }
    }

    @Override
    public void onMemberJoined(GroupInfo group, NodeId member, String memberName) {
        if (group.joined() && !member.equals(node.id()) && !sync.absorb()) {
            view.system(view.label(member, memberName(member, memberName)) + " joined #"
                    + Sanitizer.clean(group.name().display()));
        }
    }

    @Override
    public void onMemberLeft(GroupInfo group, NodeId member, String memberName) {
        if (group.joined() && !member.equals(node.id())) {
            view.system(view.label(member, memberName(member, memberName)) + " left #"
                    + Sanitizer.clean(group.name().display()));
        }
    }

    private String memberName(NodeId member, String reported) {
        return names.memberName(member, reported);
    }
}
