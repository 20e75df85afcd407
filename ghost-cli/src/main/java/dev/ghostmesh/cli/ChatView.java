package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;

/**
 * The line formats of the chat screen, in one place because scripts and tests parse them:
 * <pre>
 * &lt;alice&gt; hello everyone          a broadcast (ours is echoed the same way)
 * [private] &lt;alice&gt; hi bob         a private message to us
 * [private to bob] hi bob          our own private message, echoed
 * * connected to bob (127.0.0.1:5556)   a system line
 * error: unknown command /foo (type /help)
 * </pre>
 * Every name and text is sanitized here, so no caller can forget it. A username that another
 * known node (or this one) also uses is shown as {@code name#abcd1234}, because usernames are
 * labels, not identities.
 *
 * <p>Threading: thread-safe; called from the input thread and the listener thread.
 */
final class ChatView {
    private final MeshNode node;
    private final Console console;
    private volatile boolean muted;

    ChatView(MeshNode node, Console console) {
        this.node = node;
        this.console = console;
    }

    Console console() {
        return console;
    }

    /**
     * The sanitized label of a node: its name, or name#abcd1234 when the name is shared or
     * could pass for something else (other clients may send names with '#', spaces or angle
     * brackets, e.g. "alice#1234abcd" or "bob> hi"; our own options forbid them).
     */
    String label(NodeId id, String name) {
        if (!name.isEmpty() && name.codePoints().anyMatch(c -> c == '#' || c == '<' || c == '>'
                || c == '[' || c == ']' || Character.isWhitespace(c)
                || Character.isSpaceChar(c))) {
            return UserResolver.qualified(name, id);
        }
        boolean shared = !id.equals(node.id()) && node.username().equalsIgnoreCase(name);
        for (NodeInfo n : node.nodes()) {
            if (shared) {
                break;
            }
            shared = !n.id().equals(id) && n.username().equalsIgnoreCase(name);
        }
        return shared ? UserResolver.qualified(name, id) : Sanitizer.clean(name);
    }

    /** Our own label. */
    String self() {
        return label(node.id(), node.username());
    }

    /**
     * Drops all further output: once we are leaving, the links we close ourselves would only
     * print noise ("bob disconnected (node closed)") under the user's shell prompt.
     */
    void mute() {
        muted = true;
    }

    private void println(String line) {
        if (!muted) {
            console.println(line);
        }
    }

    void broadcast(String label, String text) {
        println("<" + label + "> " + Sanitizer.clean(text));
    }

    void privateFrom(String label, String text) {
        println("[private] <" + label + "> " + Sanitizer.clean(text));
    }

    void privateTo(String label, String text) {
        println("[private to " + label + "] " + Sanitizer.clean(text));
    }

    /** A system line; {@code text} must already be sanitized where it holds network data. */
    void system(String text) {
        println("* " + text);
    }

    /** One error line; {@code text} must already be sanitized where it holds outside data. */
    void error(String text) {
        println("error: " + text);
    }
}
