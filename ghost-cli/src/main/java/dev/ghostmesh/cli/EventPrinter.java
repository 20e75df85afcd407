package dev.ghostmesh.cli;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;

/**
 * Shows the node's events on the chat screen, one line each.
 *
 * <p>Threading: called on the node's listener thread, one event at a time; prints through
 * the thread-safe {@link ChatView}.
 */
final class EventPrinter implements MeshListener {
    private final ChatView view;

    EventPrinter(ChatView view) {
        this.view = view;
    }

    @Override
    public void onMessage(Message m) {
        String from = view.label(m.sender(), m.senderName());
        if (m.kind() == MessageKind.PRIVATE) {
            view.privateFrom(from, m.text());
        } else {
            view.broadcast(from, m.text());
        }
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        view.system("connected to " + view.label(peer.id(), peer.username()) + " ("
                + Sanitizer.clean(peer.address().toString())
                + (peer.inbound() ? ", inbound" : "") + ")");
    }

    @Override
    public void onPeerDisconnected(PeerInfo peer, String reason) {
        view.system(view.label(peer.id(), peer.username()) + " disconnected ("
                + Sanitizer.clean(reason) + ")");
    }

    @Override
    public void onNodeDiscovered(NodeInfo node) {
        // A direct peer was just announced by "connected to ..."; say "joined" only for nodes
        // we learn about through the mesh.
        if (node.hops() > 1) {
            view.system(view.label(node.id(), node.username()) + " joined the mesh");
        }
    }

    @Override
    public void onNodeLeft(NodeInfo node) {
        view.system(view.label(node.id(), node.username()) + " left the mesh");
    }
}
