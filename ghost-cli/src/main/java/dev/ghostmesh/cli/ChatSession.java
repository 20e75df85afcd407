package dev.ghostmesh.cli;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the chat: builds and starts the node, prints the banner, dials the
 * {@code --connect} peers, then reads commands until {@code /quit}, end of input, Ctrl-C or
 * SIGTERM, and closes the node so its peers hear a goodbye. With {@code --json} the built node
 * goes to a {@link JsonSession} instead.
 *
 * <p>Threading: {@link #run} runs on the main thread, which becomes the input thread; node
 * events print from the node's listener thread; a shutdown hook closes the node if the JVM is
 * stopped by a signal.
 */
final class ChatSession {
    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);
    /** Printed once at start in the open profile. */
    static final String OPEN_WARNING = "open profile: links are not encrypted and messages are"
            + " not signed; use it only on a network you trust";

    /** How long the end of input waits for a peer to send lines still queued. */
    static final Duration END_OF_INPUT_WAIT = Duration.ofSeconds(10);

    private final CliOptions options;
    private final Path home;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final Departure departure = new Departure();
    /** The LAN discovery, or null with --no-discovery. */
    private LanSetup lan;
    /** Where the node keeps its history; set by {@link #buildNode}. */
    private HistoryStore history;

    ChatSession(CliOptions options, Path home, PrintWriter err, Map<String, String> env) {
        this.options = options;
        this.home = home;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs the chat to its end; returns the process exit code, which is 0 once the node has
     * started (a code other than 0 means it never did, and the caller cleans the home up).
     */
    int run() {
        MeshNode node;
        try {
            node = buildNode();
        } catch (MeshException e) {
            return GhostTerminal.fail(err, Sanitizer.clean(HomeFiles.identityError(e, home)));
        } catch (IllegalArgumentException e) {
            GhostTerminal.fail(err, Sanitizer.clean(e.getMessage())
                    + " (usage: ghost-terminal --help)");
            return CliOptions.EXIT_USAGE;
        }
        if (options.json) {
            return new JsonSession(node, lan, history, options.connect, err).run();
        }
        // The completer offers names as the chat shows them, so it needs the view it prints to.
        AtomicReference<ChatView> labels = new AtomicReference<>();
        Console console = openConsole(node, labels::get);
        // Colour only on the line editor: it is there exactly when stdin and stdout are a
        // terminal, and piped output must stay plain for scripts.
        Palette palette = Palette.choose(console instanceof JLineConsole, options.noColor, env);
        ChatView view = new ChatView(node, console, palette,
                options.timestamps ? Clock.systemDefaultZone() : null);
        labels.set(view);
        node.addListener(new EventPrinter(node, view));
        PendingSends pending = new PendingSends(node, view);
        node.addListener(new MeshListener() {
            @Override
            public void onPeerConnected(PeerInfo peer) {
                pending.peerLinked(); // after EventPrinter's "connected to" line
            }
        });
        try {
            node.start();
        } catch (MeshException e) {
            console.close();
            node.close();
            log.warn("node did not start", e);
            return GhostTerminal.fail(err, startError(e.getMessage()));
        }
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> leave(node, view), "ghost-shutdown"));
        log.info("started {} on port {} with home {}", node,
                StatusView.listenPort(node.status()), home);
        new StatusView(node, view, lan).banner();
        if (node.profile() == SecurityProfile.OPEN) {
            view.system("warning: " + OPEN_WARNING);
        }
        if (options.networkKey != null) {
            view.system("network key set: only nodes with the same key can link to this one");
        }
        if (history.problem() != null) {
            view.system("warning: history is not kept: " + Sanitizer.clean(history.problem())
                    + "; this run keeps it in memory only");
        }
        new HistoryLines(view).atStart(history.recent(), history.recentNames());
        CommandHandler commands = new CommandHandler(node, view, lan, pending);
        for (PeerAddress address : options.connect) {
            commands.dial(address);
        }
        readCommands(console, commands);
        // Lines typed before any link (a pipe is read long before --connect links) go out
        // once one is up; give it a bounded time, then say what was not sent.
        // A link can still come only from discovery or a kept address (--connect, /connect).
        pending.awaitSent(END_OF_INPUT_WAIT, lan != null || !options.connect.isEmpty()
                || !node.connections().isEmpty());
        leave(node, view);
        return 0;
    }

    private MeshNode buildNode() {
        Identity identity = Identity.loadOrCreate(home);
        // The home keeps the groups too (groups.state): a restart stays in them, keys and all.
        MeshNode.Builder builder = MeshNode.builder().identity(identity).stateDirectory(home)
                .transport(TcpTransport.builder().port(options.port).bindAddress("0.0.0.0")
                        .build());
        if (options.username != null) {
            builder.username(options.username);
        }
        if (options.networkKey != null) {
            builder.networkKey(options.networkKey);
        }
        builder.securityProfile(options.profile);
        if (options.noDiscovery) {
            builder.autoConnect(false); // only --connect and /connect make links
        } else {
            lan = new LanSetup(options.discoveryInterfaces);
            builder.discovery(lan).autoConnect(true);
        }
        // Last, so that no option the builder refuses leaves the file open.
        history = HistoryStore.open(home, options.noHistory, identity.id());
        try {
            return history.configure(builder).build();
        } catch (RuntimeException e) {
            history.abandon();
            throw e;
        }
    }

    private Console openConsole(MeshNode node, Supplier<ChatView> labels) {
        if (JLineConsole.isInteractive()) {
            try {
                return JLineConsole.open(new CommandCompleter(() -> node.nodes().stream()
                        .map(n -> labels.get() == null ? n.username()
                                : labels.get().label(n.id(), n.username()))
                        .collect(Collectors.toList()), node::groups,
                        () -> DisconnectCommand.targets(node, labels.get())), history());
            } catch (IOException | RuntimeException e) {
                log.warn("no line editor on this terminal; reading plain lines", e);
            }
        }
        return PlainConsole.system();
    }

    /** The history file in the home, or null (history in memory only) if it cannot be made. */
    private Path history() {
        try {
            return JLineConsole.historyFile(home);
        } catch (IOException | RuntimeException e) {
            log.warn("no history file in {}; history is kept for this run only", home, e);
            return null;
        }
    }

    private static void readCommands(Console console, CommandHandler commands) {
        try {
            String line;
            while ((line = console.readLine()) != null) {
                // A pasted block arrives as one line with breaks in it: one message per line.
                for (String part : line.split("\\r\\n|[\\r\\n]")) {
                    if (!commands.handle(part)) {
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("reading input failed; leaving", e);
        }
    }

    /** Closes the node (it says goodbye) and restores the terminal, once ({@link Departure}). */
    private void leave(MeshNode node, ChatView view) {
        departure.leave(() -> {
            log.info("leaving: closing {} ({})", node, Thread.currentThread().getName());
            view.mute();
            node.close();
            view.console().close();
            log.info("closed {}", node);
        });
    }

    /** The stderr line for a node that did not start (shared with {@link JsonSession}). */
    static String startError(String message) {
        String m = Sanitizer.clean(message);
        if (m.contains("in use")) {
            return m + "; use --port to choose another";
        }
        return "cannot start: " + m;
    }
}
