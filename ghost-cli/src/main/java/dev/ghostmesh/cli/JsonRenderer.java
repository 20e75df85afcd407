package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.cli.CommandResult.DirectSent;
import java.io.IOException;

/**
 * Renders command results as the fields of the JSON mode's {@code ok} reply (see
 * ghost-cli/README.md, "JSON mode"): ids in hex, names raw, lists complete. A result that
 * only the chat has (a held line, a cleared screen) never reaches here: the table marks those
 * commands chat-only, and JSON mode holds nothing back.
 *
 * <p>Threading: called on the input thread inside {@link JsonOutput#emit}; reads the node's
 * snapshots, which never block.
 */
final class JsonRenderer {
    private final MeshNode node;
    private final JsonViews views;

    JsonRenderer(MeshNode node, JsonViews views) {
        this.node = node;
        this.views = views;
    }

    /** Writes the result fields of {@code r}. */
    void write(JsonGenerator g, CommandResult r) throws IOException {
        if (r instanceof CommandResult.Sent s) {
            g.writeStringField("messageId", s.message().id().hex());
        } else if (r instanceof CommandResult.PrivateSent p) {
            g.writeStringField("messageId", p.message().id().hex());
            g.writeStringField("to", p.to().id().hex());
            g.writeStringField("toName", p.to().username());
        } else if (r instanceof CommandResult.GroupSent s) {
            g.writeStringField("messageId", s.message().id().hex());
            g.writeStringField("group", s.group());
        } else if (r instanceof CommandResult.History h) {
            JsonViews.history(g, h, node);
        } else if (r instanceof CommandResult.GroupJoined j) {
            JsonViews.group(g, j.group());
        } else if (r instanceof CommandResult.GroupLeft l) {
            g.writeStringField("group", l.group().name().display());
        } else if (r instanceof CommandResult.Connecting c) {
            g.writeStringField("address", Addresses.show(c.address()));
        } else if (r instanceof CommandResult.DisconnectedUser d) {
            g.writeStringField("peer", d.target().id().hex());
            g.writeStringField("name", d.target().username());
        } else if (r instanceof CommandResult.DisconnectedAddress d) {
            g.writeStringField("address", Addresses.show(d.address()));
            if (d.done().peer() != null) {
                g.writeStringField("peer", d.done().peer().id().hex());
            }
        } else if (r instanceof CommandResult.Peers p) {
            JsonViews.peers(g, p.peers(), p.connections());
        } else if (r instanceof CommandResult.Nodes n) {
            JsonViews.nodes(g, n.nodes(), n.groups());
        } else if (r instanceof CommandResult.Whois w) {
            whois(g, w);
        } else if (r instanceof CommandResult.Groups gs) {
            JsonViews.groups(g, gs.mine()
                    ? gs.groups().stream().filter(GroupInfo::joined).toList() : gs.groups());
        } else if (r instanceof CommandResult.Status) {
            views.status(g);
        } else if (r instanceof CommandResult.Help h) {
            help(g, h.command());
        } else if (r instanceof CommandResult.Published p) {
            g.writeStringField("messageId", p.id().hex());
            g.writeStringField("topic", p.topic());
            g.writeNumberField("size", p.size());
        } else if (r instanceof DirectSent s) {
            g.writeStringField("messageId", s.id().hex());
            g.writeStringField("to", s.to().id().hex());
            g.writeStringField("toName", s.to().username());
            g.writeStringField("topic", s.topic());
            g.writeNumberField("size", s.size());
        } else if (r instanceof CommandResult.Subscribed s) {
            g.writeStringField("topic", s.topic());
            g.writeBooleanField("already", s.already());
        } else if (r instanceof CommandResult.Unsubscribed u) {
            g.writeStringField("topic", u.topic());
        }
        // Quit has no fields; Queued and Cleared are the chat's (see the class comment).
    }

    /** Another node as {@code nodes} lists it; ourselves with {@code "self":true}. */
    private void whois(JsonGenerator g, CommandResult.Whois w) throws IOException {
        if (w.node() != null) {
            JsonViews.node(g, w.node(), w.groups());
            g.writeBooleanField("self", false);
            return;
        }
        g.writeStringField("id", node.id().hex());
        g.writeStringField("name", node.username());
        g.writeStringField("codename", node.identity().codename());
        g.writeArrayFieldStart("groups");
        for (GroupInfo group : w.groups()) {
            if (group.joined()) {
                g.writeString(group.name().display());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("listening");
        for (PeerAddress a : node.status().listening()) {
            g.writeString(Addresses.show(a));
        }
        g.writeEndArray();
        g.writeBooleanField("self", true);
    }

    /** {@code commands}, and for one command its {@code usage}, summary and details. */
    private static void help(JsonGenerator g, CommandSpec command) throws IOException {
        g.writeArrayFieldStart("commands");
        for (String c : CommandHelp.jsonCommands()) {
            g.writeString(c);
        }
        g.writeEndArray();
        if (command != null) {
            g.writeStringField("command", command.name());
            g.writeStringField("usage", command.jsonSynopsis());
            g.writeStringField("summary", command.help().summary());
            g.writeBooleanField("json", command.surface().json());
        }
    }
}
