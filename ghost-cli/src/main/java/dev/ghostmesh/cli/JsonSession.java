package dev.ghostmesh.cli;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code ghost-terminal --json}, for scripts and bots: starts the built node,
 * writes {@code ready}, dials the {@code --connect} peers, then reads one JSON command per
 * line from stdin until {@code quit} or end of input, and closes the node so its peers hear a
 * goodbye. Stdout carries JSON objects only (no banner, prompt or colours, on a terminal too);
 * logs stay in the home's log file, and start-up failures are the usual {@code error:} line on
 * stderr with the usual exit codes.
 *
 * <p>Threading: {@link #run} runs on the main thread, which becomes the input thread; events
 * are written from the node's listener thread; a shutdown hook closes the node if the JVM is
 * stopped by a signal.
 */
final class JsonSession {
    private static final Logger log = LoggerFactory.getLogger(JsonSession.class);

    private final MeshNode node;
    private final LanSetup lan;
    private final HistoryStore history;
    private final List<PeerAddress> connect;
    private final PrintWriter err;
    private final JsonOutput out;
    private final Departure departure = new Departure();

    /**
     * {@code lan}: the node's LAN discovery, or null with --no-discovery; {@code history}:
     * where the node keeps its history, for {@code ready}.
     */
    JsonSession(MeshNode node, LanSetup lan, HistoryStore history, List<PeerAddress> connect,
            PrintWriter err) {
        this.node = node;
        this.lan = lan;
        this.history = history;
        this.connect = connect;
        this.err = err;
        this.out = JsonOutput.system();
    }

    /** Runs to the end; returns the process exit code. */
    int run() {
        JsonEvents events = new JsonEvents(node, out);
        JsonViews views = new JsonViews(node, lan);
        node.addListener(events);
        try {
            node.start();
        } catch (MeshException e) {
            node.close();
            log.warn("node did not start", e);
            return GhostTerminal.fail(err, ChatSession.startError(e.getMessage()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::leave, "ghost-shutdown"));
        int port = StatusView.listenPort(node.status());
        log.info("started {} on port {} in JSON mode", node, port);
        events.ready(port, views.discovery(), history.mode(), history.problem());
        JsonCommands commands = new JsonCommands(node, out, events, views);
        for (PeerAddress address : connect) {
            commands.dial(address);
        }
        readCommands(new FileInputStream(FileDescriptor.in), commands);
        leave();
        return 0;
    }

    private static void readCommands(InputStream in, JsonCommands commands) {
        BoundedLineReader reader = new BoundedLineReader(in, JsonCommands.MAX_LINE_BYTES);
        try {
            BoundedLineReader.Line line;
            while ((line = reader.readLine()) != null) {
                if (!commands.handle(line)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("reading input failed; leaving", e);
        }
    }

    /** Closes the node (it says goodbye), once ({@link Departure}). */
    private void leave() {
        departure.leave(() -> {
            log.info("leaving: closing {} ({})", node, Thread.currentThread().getName());
            out.mute(); // our own links closing are not news to the bot that said quit
            node.close();
            log.info("closed {}", node);
        });
    }
}
