package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's dispatcher: plain text is a broadcast, {@code /xxx} a command of the table
 * ({@link Commands}), its words read as the command's parameters ({@link CommandArgs}), its
 * result printed by {@link ChatRenderer}. Every mistake prints one {@code error: ...} line and
 * the node keeps running; a command of the JSON mode only says so.
 *
 * <p>Threading: {@link #handle} is called by the input thread only. Sends wait (briefly) for
 * the node thread so our echo appears in typing order; {@code /connect} and {@code /send} do
 * not wait, their outcome is printed from the thread that completes it. Topic deliveries print
 * from the node's callback thread.
 */
final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    static final long SEND_TIMEOUT_SECONDS = 5;

    private final ChatRenderer renderer;
    private final CommandContext context;

    /** A handler that sends at once, peer or not, without LAN discovery (format tests). */
    CommandHandler(MeshNode node, ChatView view) {
        this(node, view, null, null);
    }

    /**
     * {@code lan}: the LAN discovery for /status, or null when it is off; {@code pending}:
     * where broadcast and group lines wait while there is no peer, or null to send at once.
     */
    CommandHandler(MeshNode node, ChatView view, LanSetup lan, PendingSends pending) {
        this.renderer = new ChatRenderer(node, view, lan);
        this.context = new CommandContext(node, view.names(), view::label, pending,
                new CommandContext.DisconnectHooks() {
                    @Override
                    public void closing(NodeId id) {
                        view.disconnecting(id);
                    }

                    @Override
                    public void notClosed(NodeId id) {
                        view.disconnectShown(id);
                    }
                }, renderer::delivery);
    }

    /** Handles one input line; returns false when the user asked to quit. */
    boolean handle(String line) {
        if (line.isBlank()) {
            return true;
        }
        try {
            return dispatch(line);
        } catch (CommandError e) {
            renderer.error(e);
            return true;
        } catch (RuntimeException e) {
            // A bug outside an action (actions' failures are typed): one line, keep running.
            log.warn("command failed", e);
            renderer.error(new CommandError("failed", messageOf(e)));
            return true;
        }
    }

    private boolean dispatch(String line) {
        if (!line.startsWith("/")) {
            return run(Commands.find("broadcast"), CommandArgs.of(Map.of("text", line)));
        }
        if (line.startsWith("//")) {
            // IRC convention: "//etc" sends "/etc"
            return run(Commands.find("broadcast"), CommandArgs.of(Map.of("text",
                    line.substring(1))));
        }
        String[] parts = line.strip().split("\\s+", 2);
        // Commands ignore case, as on IRC: /MSG and /Quit work (names and groups already do).
        CommandSpec spec = Commands.find(parts[0].substring(1));
        if (spec == null) {
            throw new CommandError("unknown_command", "unknown command "
                    + Sanitizer.clean(parts[0]) + " (type /help)");
        }
        if (!spec.surface().chat()) {
            throw new CommandError("unsupported", "/" + spec.name() + " is a command of"
                    + " --json only");
        }
        return run(spec, CommandArgs.fromChat(spec, parts.length > 1 ? parts[1] : ""));
    }

    private boolean run(CommandSpec spec, CommandArgs args) {
        return renderer.render(Commands.run(spec, context, args));
    }

    /**
     * Keeps a link to {@code address} (a {@code --connect} address) without blocking the
     * caller, as {@code /connect} does: the node re-dials it whenever it is down, until
     * /disconnect; a first attempt that failed or found a link already prints a line.
     */
    void dial(PeerAddress address) {
        renderer.render(LinkActions.connect(context, address));
    }

    /** Waits briefly for the node; a failure is rethrown as a CompletionException of its cause. */
    static <T> T await(CompletableFuture<T> future) {
        return await(future, SEND_TIMEOUT_SECONDS);
    }

    /** As {@link #await(CompletableFuture)}, for an operation that may take {@code seconds}. */
    static <T> T await(CompletableFuture<T> future, long seconds) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The user-facing message of a failure, unwrapping CompletionException layers. */
    static String messageOf(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
