package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.PeerAddress;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JSON mode's commands, one input line each, and writes exactly one reply per line
 * that is not blank: {@code {"type":"ok","cmd":...}} with the result, or
 * {@code {"type":"error","cmd":...,"code":...,"error":...}}; the request's {@code "id"} is
 * echoed in both. A bad line costs its error reply only: the node keeps running and reads the
 * next. Users are resolved as in the chat ({@link UserResolver}), group names validated by
 * {@link GroupName}, addresses parsed by {@link PeerAddress}, and connect/disconnect mean what
 * /connect and /disconnect mean.
 *
 * <p>Threading: {@link #handle} is called by the input thread only, and waits (briefly) for
 * the node, so replies come in command order; a connect's first dial completes later, on the
 * thread that completes it, and only a failure is reported then ({@code connect_failed}).
 */
final class JsonCommands {
    private static final Logger log = LoggerFactory.getLogger(JsonCommands.class);
    /**
     * Longest input line accepted: a 16 KiB message whose every character JSON-escapes to
     * six bytes ({@code \}{@code u0001}) still fits, with room for the other fields.
     */
    static final int MAX_LINE_BYTES = 128 * 1024;
    /** Deriving a protected group's key takes a second or so; a loaded machine, longer. */
    private static final long PASSWORD_TIMEOUT_SECONDS = 60;

    private final MeshNode node;
    private final JsonOutput out;
    private final JsonEvents events;
    private final JsonViews views;
    private final Confusables names = new Confusables();

    JsonCommands(MeshNode node, JsonOutput out, JsonEvents events, JsonViews views) {
        this.node = node;
        this.out = out;
        this.events = events;
        this.views = views;
    }

    /** Handles one input line; returns false after {@code quit}. */
    boolean handle(BoundedLineReader.Line line) {
        if (line.tooLong()) {
            error(null, null, "line_too_long", "line longer than " + MAX_LINE_BYTES
                    + " bytes; ignored");
            return true;
        }
        if (isBlank(line.bytes())) {
            return true;
        }
        JsonRequest r = null;
        try {
            r = JsonRequest.parse(out.factory(), line.bytes());
            return dispatch(r);
        } catch (JsonRequest.Invalid e) {
            error(e.cmd, e.id, e.code, e.getMessage());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String code = cause instanceof GroupException g
                    ? g.reason().name().toLowerCase(Locale.ROOT) : "failed";
            error(r.cmd, r.id, code, CommandHandler.messageOf(cause));
        } catch (IllegalArgumentException e) {
            // The library refused the input (an empty or over-long message, say): say why.
            error(r == null ? null : r.cmd, r == null ? null : r.id, "rejected",
                    CommandHandler.messageOf(e));
        } catch (RuntimeException e) {
            log.warn("command failed", e);
            error(r == null ? null : r.cmd, r == null ? null : r.id, "failed",
                    CommandHandler.messageOf(e));
        }
        return true;
    }

    private boolean dispatch(JsonRequest r) throws JsonRequest.Invalid {
        switch (r.cmd) {
            case "broadcast" -> {
                Message sent = CommandHandler.await(node.broadcast(r.text("text")));
                ok(r, g -> g.writeStringField("messageId", sent.id().hex()));
            }
            case "msg" -> privateMessage(r);
            case "group" -> groupMessage(r);
            case "create", "join" -> createOrJoin(r);
            case "leave" -> {
                GroupInfo left = CommandHandler.await(node.leaveGroup(groupName(r)));
                ok(r, g -> g.writeStringField("group", left.name().display()));
            }
            case "connect" -> connect(r);
            case "disconnect" -> disconnect(r);
            case "peers" -> ok(r, views::peers);
            case "nodes" -> ok(r, views::nodes);
            case "groups" -> ok(r, views::groups);
            case "status" -> ok(r, views::status);
            case "help" -> ok(r, JsonViews::help);
            case "quit" -> {
                // The last object: the links we close while leaving are not news to the bot.
                out.emitLast("ok", g -> replyHead(g, r));
                return false;
            }
            default -> throw r.invalid("unknown_command", "unknown command '" + r.cmd
                    + "' (the help command lists them)");
        }
        return true;
    }

    private void privateMessage(JsonRequest r) throws JsonRequest.Invalid {
        NodeInfo target = resolve(r, r.text("to"), "cannot send a private message to yourself");
        Message sent = CommandHandler.await(node.sendPrivate(target.id(), r.text("text")));
        ok(r, g -> {
            g.writeStringField("messageId", sent.id().hex());
            g.writeStringField("to", target.id().hex());
            g.writeStringField("toName", target.username());
        });
    }

    private void groupMessage(JsonRequest r) throws JsonRequest.Invalid {
        GroupName name = groupName(r);
        Message sent = CommandHandler.await(node.sendToGroup(name, r.text("text")));
        ok(r, g -> {
            g.writeStringField("messageId", sent.id().hex());
            g.writeStringField("group", GroupCommands.meshSpelling(node,
                    sent.group().orElse(name)));
        });
    }

    private void createOrJoin(JsonRequest r) throws JsonRequest.Invalid {
        GroupName name = groupName(r);
        String text = r.optionalText("password");
        char[] password = text == null || text.isEmpty() ? null : text.toCharArray();
        boolean create = r.cmd.equals("create");
        try {
            CompletableFuture<GroupInfo> op = password == null
                    ? create ? node.createGroup(name) : node.joinGroup(name)
                    : create ? node.createGroup(name, password) : node.joinGroup(name, password);
            GroupInfo group = CommandHandler.await(op, password == null
                    ? CommandHandler.SEND_TIMEOUT_SECONDS : PASSWORD_TIMEOUT_SECONDS);
            ok(r, g -> JsonViews.group(g, group));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static GroupName groupName(JsonRequest r) throws JsonRequest.Invalid {
        try {
            return GroupName.of(r.text("group"));
        } catch (IllegalArgumentException e) {
            throw r.invalid(e.getMessage());
        }
    }

    private void connect(JsonRequest r) throws JsonRequest.Invalid {
        PeerAddress address = address(r, r.text("address"));
        CompletableFuture<PeerInfo> first = node.connect(address);
        ok(r, g -> g.writeStringField("address", address.toString()));
        report(address, first);
    }

    /** Keeps a link to {@code address} (an address given with --connect), as connect does. */
    void dial(PeerAddress address) {
        report(address, node.connect(address));
    }

    /** Success shows as peer_connected; a failed first dial as connect_failed. */
    private void report(PeerAddress address, CompletableFuture<PeerInfo> first) {
        first.whenComplete((peer, error) -> {
            if (error != null) {
                events.connectFailed(address, CommandHandler.messageOf(error));
            }
        });
    }

    private static PeerAddress address(JsonRequest r, String text) throws JsonRequest.Invalid {
        try {
            return PeerAddress.parse(text, PeerAddress.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw r.invalid(e.getMessage());
        }
    }

    /**
     * As /disconnect: {@code peer} with a colon is an address (stop re-dialing it and close its
     * link), else a user (close every link to that node and stop re-dialing it).
     */
    private void disconnect(JsonRequest r) throws JsonRequest.Invalid {
        String peer = r.text("peer");
        if (peer.contains(":")) {
            disconnectAddress(r, address(r, peer));
            return;
        }
        NodeInfo target = resolve(r, peer, "cannot disconnect from yourself");
        if (!CommandHandler.await(node.disconnectAndBlock(target.id()))) {
            throw r.invalid("not_connected", "not connected to "
                    + UserResolver.qualified(target.username(), target.id()));
        }
        ok(r, g -> {
            g.writeStringField("peer", target.id().hex());
            g.writeStringField("name", target.username());
        });
    }

    private void disconnectAddress(JsonRequest r, PeerAddress address)
            throws JsonRequest.Invalid {
        DisconnectCommand.AddressDisconnect done =
                DisconnectCommand.disconnect(node, address, closing -> { });
        if (done == null) {
            throw r.invalid("not_connected", "not connected to " + address);
        }
        ok(r, g -> {
            g.writeStringField("address", address.toString());
            if (done.peer() != null) {
                g.writeStringField("peer", done.peer().id().hex());
            }
        });
    }

    /** The one other node {@code query} names, as /msg resolves it. */
    private NodeInfo resolve(JsonRequest r, String query, String selfError)
            throws JsonRequest.Invalid {
        UserResolver.Result found = UserResolver.resolve(query, node.nodes(), names);
        if (found.match() != null) {
            return found.match();
        }
        if (UserResolver.isSelf(query, node, names)) {
            throw r.invalid("self", selfError);
        }
        boolean unknown = found.error().startsWith("unknown user");
        throw r.invalid(unknown ? "unknown_user" : "ambiguous_user", found.error());
    }

    private void ok(JsonRequest r, JsonOutput.Fields fields) {
        out.emit("ok", g -> {
            replyHead(g, r);
            fields.write(g);
        });
    }

    private static void replyHead(JsonGenerator g, JsonRequest r) throws IOException {
        g.writeStringField("cmd", r.cmd);
        id(g, r.id);
    }

    private void error(String cmd, JsonRequest.Id id, String code, String message) {
        out.emit("error", g -> {
            if (cmd != null) {
                g.writeStringField("cmd", cmd);
            }
            id(g, id);
            g.writeStringField("code", code);
            g.writeStringField("error", message);
        });
    }

    private static void id(JsonGenerator g, JsonRequest.Id id) throws IOException {
        if (id == null) {
            return;
        }
        g.writeFieldName("id");
        if (id.number()) {
            g.writeNumber(id.text());
        } else {
            g.writeString(id.text());
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
