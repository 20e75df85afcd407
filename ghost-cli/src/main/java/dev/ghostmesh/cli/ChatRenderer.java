package dev.ghostmesh.cli;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.cli.CommandResult.Connecting;
import dev.ghostmesh.cli.CommandResult.DirectSending;
import java.time.Instant;

/**
 * Renders command results as chat lines: the echo of what was sent ({@code <alice> hi}), a
 * confirmation ({@code * joined #Dev}) or a screen ({@code /peers}, {@code /status}); and
 * {@link CommandError}s as one {@code error: ...} line. What completes later (a dial, a
 * direct message's confirmation) prints when it completes.
 *
 * <p>Threading: {@link #render} runs on the input thread; later lines and {@link #delivery}
 * print from the node's threads through the thread-safe {@link ChatView}.
 */
final class ChatRenderer {
    private final ChatView view;
    private final StatusView status;
    private final NodesView nodes;
    private final GroupLines groups;
    private final HistoryLines history;

    /** {@code lan}: the LAN discovery for /status, or null when it is off. */
    ChatRenderer(MeshNode node, ChatView view, LanSetup lan) {
        this.view = view;
        this.status = new StatusView(node, view, lan);
        this.nodes = new NodesView(node, view, Instant::now);
        this.groups = new GroupLines(node, view);
        this.history = new HistoryLines(view);
    }

    /** Prints {@code r}; returns false when it ends the session. */
    boolean render(CommandResult r) {
        if (r instanceof CommandResult.Sent s) {
            view.broadcast(view.self(), s.message().text());
        } else if (r instanceof CommandResult.PrivateSent p) {
            view.privateTo(view.label(p.to().id(), p.to().username()), p.message().text());
        } else if (r instanceof CommandResult.GroupSent g) {
            view.group(g.name(), view.self(), g.message().text());
        } else if (r instanceof CommandResult.History h) {
            history.result(h);
        } else if (r instanceof CommandResult.GroupJoined j) {
            GroupInfo g = j.group();
            view.system((j.created() ? "created group #" : "joined #")
                    + view.groupName(g.name()) + GroupLines.protectedMark(g));
        } else if (r instanceof CommandResult.GroupLeft l) {
            view.system("left #" + view.groupName(l.group().name()));
        } else if (r instanceof Connecting c) {
            connecting(c);
        } else if (r instanceof CommandResult.DisconnectedUser d) {
            view.system("disconnected from " + view.label(d.target().id(),
                    d.target().username()));
        } else if (r instanceof CommandResult.DisconnectedAddress d) {
            disconnected(d);
        } else if (r instanceof CommandResult.Peers p) {
            status.peers(p.peers(), p.connections());
        } else if (r instanceof CommandResult.Nodes n) {
            nodes.nodes(n.nodes());
        } else if (r instanceof CommandResult.Whois w) {
            if (w.node() == null) {
                nodes.describeSelf();
            } else {
                nodes.describe(w.node());
            }
        } else if (r instanceof CommandResult.Groups g) {
            if (g.mine()) {
                groups.myGroups(g.groups());
            } else {
                groups.groups(g.groups());
            }
        } else if (r instanceof CommandResult.Status) {
            status.status();
        } else if (r instanceof CommandResult.Help h) {
            (h.command() == null ? CommandHelp.overview() : CommandHelp.about(h.command()))
                    .forEach(view::system);
        } else if (r instanceof CommandResult.Published p) {
            view.topic(p.topic(), false, view.self(), p.text(), p.size());
        } else if (r instanceof DirectSending s) {
            sending(s);
        } else if (r instanceof CommandResult.DirectSent s) {
            view.system(sentLine(s.to(), s.topic(), s.text(), s.size()));
        } else if (r instanceof CommandResult.Subscribed s) {
            view.system((s.already() ? "already subscribed to topic " : "subscribed to topic ")
                    + Sanitizer.clean(s.topic()));
        } else if (r instanceof CommandResult.Unsubscribed u) {
            view.system("unsubscribed from topic " + Sanitizer.clean(u.topic()));
        } else if (r instanceof CommandResult.Cleared) {
            view.console().clear();
        } else if (r instanceof CommandResult.Quit) {
            return false;
        }
        // Queued: PendingSends printed its own line.
        return true;
    }

    /** One {@code error: ...} line. */
    void error(CommandError e) {
        view.error(e.chat());
    }

    /** A delivery on a subscribed topic: {@code [topic t] <alice> text}. */
    void delivery(Delivery d) {
        view.topic(d.topic(), d.direct(), view.label(d.sender(), d.senderName()),
                TopicActions.text(d.payloadBytes()), d.size());
    }

    /**
     * Success shows as the "connected to" event; only a first attempt that found an existing
     * link, or failed, prints here (later attempts show in /peers).
     */
    private void connecting(Connecting c) {
        c.first().whenComplete((peer, error) -> {
            if (error != null) {
                String where = Sanitizer.clean(Addresses.show(c.address()));
                view.error(Sanitizer.clean(Addresses.show(CommandHandler.messageOf(error),
                        c.address()))
                        + " (retrying; /disconnect " + where + " stops it)");
            } else if (c.before().contains(peer.id())) {
                view.system("already connected to " + view.label(peer.id(), peer.username())
                        + " (" + Sanitizer.clean(Addresses.show(peer.address())) + ")");
            }
        });
    }

    private void disconnected(CommandResult.DisconnectedAddress d) {
        String where = Sanitizer.clean(Addresses.show(d.address()));
        PeerInfo p = d.done().peer();
        if (p == null) {
            view.system("stopped connecting to " + where);
        } else {
            // A kept address names its peer as the directory knows it, a plain link by its own.
            String label = d.done().kept() ? view.label(p.id()) : view.label(p.id(), p.username());
            view.system("disconnected from " + label + " (" + where + ")");
        }
    }

    /** The confirmation, or the error, prints once the target answers (or does not). */
    private void sending(DirectSending s) {
        s.outcome().whenComplete((id, error) -> {
            if (error == null) {
                view.system(sentLine(s.to(), s.topic(), s.text(), s.size()));
            } else {
                view.error(TopicActions.sendError(error).chat());
            }
        });
    }

    private String sentLine(NodeInfo to, String topic, String text, int size) {
        return "sent to " + view.label(to.id(), to.username()) + " on topic "
                + Sanitizer.clean(topic) + ": " + (text != null ? ChatView.preview(text)
                        : size + (size == 1 ? " byte" : " bytes"));
    }
}
