package dev.ghostmesh.cli;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The actions of {@code connect} and {@code disconnect}. An address is {@code host:port},
 * {@code [v6]:port} or {@code host} (port 6666); the chat also takes {@code host port} as two
 * words (the chat-only {@code port} parameter). {@code disconnect}'s {@code peer} with a colon,
 * or followed by a port, is an address, otherwise a user (see {@link DisconnectCommand}).
 *
 * <p>Threading: called on the input thread; {@code connect} does not wait for the dial (the
 * result carries its future), {@code disconnect} waits briefly for the node.
 */
final class LinkActions {
    private LinkActions() {}

    static CommandResult connect(CommandContext c, CommandArgs a) {
        return connect(c, address(a.required("address"), a.get("port")));
    }

    /** Keeps {@code address} (also for {@code --connect}); the result carries the first dial. */
    static CommandResult.Connecting connect(CommandContext c, PeerAddress address) {
        Set<NodeId> before = c.node.peers().stream().map(PeerInfo::id)
                .collect(Collectors.toSet());
        return new CommandResult.Connecting(address, c.node.connect(address), before);
    }

    static CommandResult disconnect(CommandContext c, CommandArgs a) {
        String peer = a.required("peer");
        String port = a.get("port");
        if (port != null || peer.contains(":")) {
            PeerAddress address = address(peer, port);
            DisconnectCommand.AddressDisconnect done =
                    DisconnectCommand.disconnect(c.node, address, c.hooks::closing);
            if (done == null) {
                throw new CommandError("not_connected", "not connected to "
                        + Addresses.show(address), "not connected to "
                                + Sanitizer.clean(Addresses.show(address))
                                + " (see /peers)");
            }
            return new CommandResult.DisconnectedAddress(address, done);
        }
        NodeInfo target = MessageActions.resolve(c, peer, "cannot disconnect from yourself");
        boolean linked = c.node.peers().stream().anyMatch(p -> p.id().equals(target.id()));
        if (linked) {
            c.hooks.closing(target.id());
        }
        if (!CommandHandler.await(c.node.disconnectAndBlock(target.id()))) {
            c.hooks.notClosed(target.id());
            throw new CommandError("not_connected", "not connected to "
                    + UserResolver.qualified(target.username(), target.id()),
                    "not connected to " + c.label.apply(target.id(), target.username())
                            + " (see /peers)");
        }
        return new CommandResult.DisconnectedUser(target);
    }

    /** {@code host} and a port word, or one {@code host[:port]}; invalid_field otherwise. */
    static PeerAddress address(String host, String port) {
        try {
            return Addresses.parse(host, port);
        } catch (IllegalArgumentException e) {
            throw CommandError.invalid(e.getMessage());
        }
    }
}
