package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON mode's dispatcher: runs one input line each as a command of the table
 * ({@link Commands}), its fields read as the command's parameters ({@link CommandArgs}), and
 * writes exactly one reply per line that is not blank: {@code {"type":"ok","cmd":...}} with
 * the result ({@link JsonRenderer}), or {@code {"type":"error","cmd":...,"code":...,
 * "error":...}}; the request's {@code "id"} is echoed in both. A bad line costs its error
 * reply only: the node keeps running and reads the next. A chat-only command ({@code clear})
 * is answered with {@code unsupported}.
 *
 * <p>Threading: {@link #handle} is called by the input thread only, and waits for the node
 * (a {@code send}, for the target's confirmation), so replies come in command order; a
 * connect's first dial completes later, on the thread that completes it, and only a failure
 * is reported then ({@code connect_failed}); topic deliveries are written from the node's
 * callback thread.
 */
final class JsonCommands {
    private static final Logger log = LoggerFactory.getLogger(JsonCommands.class);
    /**
     * Longest input line accepted: a 16 KiB message whose every character JSON-escapes to
     * six bytes ({@code \}{@code u0001}) still fits, with room for the other fields.
     */
    static final int MAX_LINE_BYTES = 128 * 1024;

    private final JsonOutput out;
    private final JsonEvents events;
    private final JsonRenderer renderer;
    private final CommandContext context;

    JsonCommands(MeshNode node, JsonOutput out, JsonEvents events, JsonViews views) {
        this.out = out;
        this.events = events;
        this.renderer = new JsonRenderer(node, views);
        this.context = new CommandContext(node, new Confusables(),
                (id, name) -> UserResolver.qualified(name, id),
                null, CommandContext.DisconnectHooks.NONE, events::delivery);
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
        } catch (CommandError e) {
            error(r.cmd, r.id, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug outside an action (actions' failures are typed): one reply, keep reading.
            log.warn("command failed", e);
            error(r == null ? null : r.cmd, r == null ? null : r.id, "failed",
                    CommandHandler.messageOf(e));
        }
        return true;
    }

    private boolean dispatch(JsonRequest r) throws JsonRequest.Invalid {
        CommandSpec spec = Commands.findJson(r.cmd);
        if (spec == null) {
            throw r.invalid("unknown_command", "unknown command '" + r.cmd
                    + "' (the help command lists them)");
        }
        if (!spec.surface().json()) {
            throw r.invalid("unsupported", "'" + r.cmd + "' is a chat command only ("
                    + spec.help().summary() + "); it does nothing in JSON mode");
        }
        CommandResult result = Commands.run(spec, context, CommandArgs.fromJson(spec, r));
        if (result instanceof CommandResult.Quit) {
            // The last object: the links we close while leaving are not news to the bot.
            out.emitLast("ok", g -> replyHead(g, r));
            return false;
        }
        if (result instanceof CommandResult.DirectSending s) {
            // A bot wants the outcome in the reply: wait for the target's confirmation.
            result = TopicActions.confirm(s);
        }
        CommandResult done = result;
        ok(r, g -> renderer.write(g, done));
        if (done instanceof CommandResult.Connecting c) {
            report(c.address(), c.first());
        }
        return true;
    }

    /** Keeps a link to {@code address} (an address given with --connect), as connect does. */
    void dial(PeerAddress address) {
        CommandResult.Connecting c = LinkActions.connect(context, address);
        report(c.address(), c.first());
    }

    /** Success shows as peer_connected; a failed first dial as connect_failed. */
    private void report(PeerAddress address, CompletableFuture<PeerInfo> first) {
        first.whenComplete((peer, error) -> {
            if (error != null) {
                events.connectFailed(address,
                        Addresses.show(CommandHandler.messageOf(error), address));
            }
        });
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
