package dev.ghostmesh.cli;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /disconnect <peer>}: closes links and stops re-dialing. {@code <peer>} is either a user
 * (resolved as by {@code /msg}: name, {@code name#id}, id prefix or codename), which closes
 * every link to that node and stops re-dialing the addresses that proved to be it, or an
 * address ({@code host:port}, {@code [v6]:port} or {@code host port}; a single word with a
 * colon is an address), which stops re-dialing that address and closes its link; an address
 * that was never given to /connect but is a direct peer's (as /peers shows it) closes that
 * peer's links. The command prints the one line ({@code * disconnected from bob}); the link
 * event that follows is not shown again.
 *
 * <p>Threading: {@link #run} is called by the input thread; it waits briefly for the node.
 */
final class DisconnectCommand {
    static final String USAGE = "usage: /disconnect <user>  or  /disconnect <host>:<port>"
            + "  or  /disconnect <host> <port>";

    private DisconnectCommand() {}

    static void run(MeshNode node, ChatView view, String rest) {
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (parts.length < 1 || parts.length > 2) {
            view.error(USAGE);
            return;
        }
        if (parts.length == 2 || parts[0].contains(":")) {
            PeerAddress address;
            try {
                address = Addresses.parse(parts[0], parts.length == 2 ? parts[1] : null);
            } catch (IllegalArgumentException e) {
                view.error(Sanitizer.clean(e.getMessage()));
                return;
            }
            byAddress(node, view, address);
        } else {
            byUser(node, view, parts[0]);
        }
    }

    /**
     * What {@link #disconnect(MeshNode, PeerAddress, Consumer)} did: {@code kept} if the
     * address was being kept (its re-dialing is stopped now), and the direct peer whose link it
     * closed, or null.
     */
    record AddressDisconnect(boolean kept, PeerInfo peer) {}

    /**
     * Stops re-dialing {@code address} and closes its link; for an address not kept, closes
     * the link of the direct peer that /peers shows there. {@code closing} hears the peer
     * before its link closes. Null when nothing is kept or linked at that address.
     */
    static AddressDisconnect disconnect(MeshNode node, PeerAddress address,
            Consumer<NodeId> closing) {
        Optional<ConnectionInfo> wanted = node.connections().stream()
                .filter(c -> c.address().equals(address)).findFirst();
        if (wanted.isPresent()) {
            PeerInfo linked = wanted.get().state() == ConnectionInfo.State.CONNECTED
                    ? wanted.get().peer().flatMap(id -> peer(node, id)).orElse(null) : null;
            if (linked != null) {
                closing.accept(linked.id());
            }
            CommandHandler.await(node.disconnect(address));
            return new AddressDisconnect(true, linked);
        }
        for (PeerInfo p : node.peers()) {
            if (p.address().equals(address)) {
                closing.accept(p.id());
                CommandHandler.await(node.disconnectAndBlock(p.id()));
                return new AddressDisconnect(false, p);
            }
        }
        return null;
    }

    private static void byAddress(MeshNode node, ChatView view, PeerAddress address) {
        String where = Sanitizer.clean(Addresses.show(address));
        AddressDisconnect done = disconnect(node, address, view::disconnecting);
        if (done == null) {
            view.error("not connected to " + where + " (see /peers)");
        } else if (done.peer() == null) {
            view.system("stopped connecting to " + where);
        } else {
            PeerInfo p = done.peer();
            // A kept address names its peer as the directory knows it, a plain link by its own.
            String label = done.kept() ? view.label(p.id()) : view.label(p.id(), p.username());
            view.system("disconnected from " + label + " (" + where + ")");
        }
    }

    private static void byUser(MeshNode node, ChatView view, String query) {
        UserResolver.Result r = UserResolver.resolve(query, node.nodes(), view.names());
        if (r.match() == null) {
            view.error(UserResolver.isSelf(query, node, view.names())
                    ? "cannot disconnect from yourself" : r.error());
            return;
        }
        NodeInfo target = r.match();
        String label = view.label(target.id(), target.username());
        boolean linked = isPeer(node, target.id());
        if (linked) {
            view.disconnecting(target.id());
        }
        if (CommandHandler.await(node.disconnectAndBlock(target.id()))) {
            view.system("disconnected from " + label);
        } else {
            view.disconnectShown(target.id());
            view.error("not connected to " + label + " (see /peers)");
        }
    }

    private static boolean isPeer(MeshNode node, NodeId id) {
        return peer(node, id).isPresent();
    }

    private static Optional<PeerInfo> peer(MeshNode node, NodeId id) {
        return node.peers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * What completes {@code /disconnect}: the direct peers as the chat labels them, then the
     * addresses being kept that have no link.
     */
    static List<String> targets(MeshNode node, ChatView view) {
        List<String> out = new ArrayList<>();
        for (PeerInfo p : node.peers()) {
            out.add(view == null ? p.username() : view.label(p.id(), p.username()));
        }
        for (ConnectionInfo c : node.connections()) {
            if (c.state() != ConnectionInfo.State.CONNECTED) {
                out.add(Addresses.show(c.address()));
            }
        }
        return out;
    }
}
