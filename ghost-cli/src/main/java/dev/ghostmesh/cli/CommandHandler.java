package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.PeerAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the user types: plain text is a broadcast, {@code /xxx} a command. Every mistake
 * prints one {@code error: ...} line and the node keeps running.
 *
 * <p>Threading: {@link #handle} is called by the input thread only. Sends wait (briefly) for
 * the node thread so our echo appears in typing order; {@code /connect} does not wait, its
 * outcome is printed from the thread that completes it.
 */
final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    static final long SEND_TIMEOUT_SECONDS = 5;

    private final MeshNode node;
    private final ChatView view;
    private final StatusView status;
    private final GroupCommands groups;
    private final NodesView nodes;
    /** Where lines typed without a peer wait; null sends them at once (format tests). */
    private final PendingSends pending;

    /** A handler that sends at once, peer or not, without LAN discovery (format tests). */
    CommandHandler(MeshNode node, ChatView view) {
        this(node, view, null, null);
    }

    /**
     * {@code lan}: the LAN discovery for /status, or null when it is off; {@code pending}:
     * where broadcast and group lines wait while there is no peer, or null to send at once.
     */
    CommandHandler(MeshNode node, ChatView view, LanSetup lan, PendingSends pending) {
        this.node = node;
        this.view = view;
        this.pending = pending;
        this.status = new StatusView(node, view, lan);
        this.groups = new GroupCommands(node, view, pending);
        this.nodes = new NodesView(node, view, Instant::now);
    }

    /** Handles one input line; returns false when the user asked to quit. */
    boolean handle(String line) {
        if (line.isBlank()) {
            return true;
        }
        try {
            return dispatch(line);
        } catch (IllegalArgumentException e) {
            // The library rejected what the user typed (e.g. a message over 16 KiB): say why.
            view.error(Sanitizer.clean(messageOf(e)));
            return true;
        } catch (RuntimeException e) {
            // Anything else is unexpected, but still one line and keep running.
            log.warn("command failed", e);
            view.error(Sanitizer.clean(messageOf(e)));
            return true;
        }
    }

    private boolean dispatch(String line) {
        if (!line.startsWith("/")) {
            broadcast(line);
            return true;
        }
        if (line.startsWith("//")) {
            broadcast(line.substring(1)); // IRC convention: "//etc" sends "/etc"
            return true;
        }
        String[] parts = line.strip().split("\\s+", 2);
        // Commands ignore case, as on IRC: /MSG and /Quit work (names and groups already do).
        String command = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        switch (command) {
            case "/broadcast" -> {
                if (rest.isEmpty()) {
                    view.error("usage: /broadcast <message>");
                } else {
                    broadcast(rest);
                }
            }
            case "/msg" -> privateMessage(rest);
            case "/group" -> groups.send(rest);
            case "/create" -> groups.create(rest);
            case "/join" -> groups.join(rest);
            case "/leave" -> groups.leave(rest);
            case "/groups" -> groups.groups();
            case "/mygroups" -> groups.myGroups();
            case "/connect" -> connect(rest);
            case "/disconnect" -> DisconnectCommand.run(node, view, rest);
            case "/peers" -> status.peers();
            case "/nodes" -> nodes.nodes();
            case "/whois" -> nodes.whois(rest);
            case "/status" -> status.status();
            case "/help" -> status.help(rest);
            case "/clear" -> view.console().clear();
            case "/quit", "/exit" -> {
                return false;
            }
            default -> view.error("unknown command " + Sanitizer.clean(parts[0])
                    + " (type /help)");
        }
        return true;
    }

    private void broadcast(String text) {
        if (pending != null && pending.offer(null, text)) {
            return;
        }
        Message sent = await(node.broadcast(text));
        view.broadcast(view.self(), sent.text());
    }

    private void privateMessage(String rest) {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isBlank()) {
            view.error("usage: /msg <user> <message>");
            return;
        }
        UserResolver.Result r = UserResolver.resolve(parts[0], node.nodes(), view.names());
        if (r.match() == null) {
            if (UserResolver.isSelf(parts[0], node, view.names())) {
                view.error("cannot send a private message to yourself");
            } else {
                view.error(r.error());
            }
            return;
        }
        NodeInfo target = r.match();
        Message sent = await(node.sendPrivate(target.id(), parts[1]));
        view.privateTo(view.label(target.id(), target.username()), sent.text());
    }

    private void connect(String rest) {
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (parts.length < 1 || parts.length > 2) {
            view.error("usage: /connect <host> [port]  or  /connect <host>:<port>");
            return;
        }
        PeerAddress address;
        try {
            address = parts.length == 2
                    ? new PeerAddress(parts[0], PeerAddress.parsePort(parts[1]))
                    : PeerAddress.parse(parts[0], PeerAddress.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            view.error(Sanitizer.clean(e.getMessage()));
            return;
        }
        dial(node, view, address);
    }

    /**
     * Keeps a link to {@code address} without blocking the caller: the node re-dials it
     * whenever it is down, until /disconnect. Success is shown by the "connected to" event;
     * only a first attempt that found an existing link, or failed, prints here (later
     * attempts show in /peers).
     */
    static void dial(MeshNode node, ChatView view, PeerAddress address) {
        Set<NodeId> before = node.peers().stream().map(PeerInfo::id)
                .collect(Collectors.toSet());
        node.connect(address).whenComplete((peer, error) -> {
            if (error != null) {
                String where = Sanitizer.clean(address.toString());
                view.error(Sanitizer.clean(messageOf(error)) + " (retrying; /disconnect "
                        + where + " stops it)");
            } else if (before.contains(peer.id())) {
                view.system("already connected to " + view.label(peer.id(), peer.username())
                        + " (" + Sanitizer.clean(peer.address().toString()) + ")");
            }
        });
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
