package dev.ghostmesh.cli;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The line formats of the chat screen, in one place because scripts and tests parse them:
 * <pre>
 * &lt;alice&gt; hello everyone          a broadcast (ours is echoed the same way)
 * [private] &lt;alice&gt; hi bob         a private message to us
 * [private to bob] hi bob          our own private message, echoed
 * [#Dev] &lt;bob&gt; hi all             a message to a group we are in (ours is echoed too)
 * [topic t] &lt;bob&gt; 21.5           a delivery on a topic we subscribe to
 * [history 14:05] &lt;bob&gt; hi        a message shown or sent before (/history, at start)
 * * connected to bob (127.0.0.1:5556)   a system line
 * error: unknown command /foo (type /help)
 * </pre>
 * Every name and text is sanitized here, so no caller can forget it. A username that another
 * known node (or this one) also uses, or one that looks like it ({@link Confusables}), is shown
 * as {@code name#abcd1234}, because usernames are labels, not identities.
 *
 * <p>On a terminal the lines are coloured by a {@link Palette} (the text stays the same), and
 * with {@code --timestamps} every line starts with the local time, {@code 14:05:09 }.
 *
 * <p>Threading: thread-safe; called from the input thread and the listener thread.
 */
final class ChatView {
    private final MeshNode node;
    private final Console console;
    private final Confusables names = new Confusables();
    private final Palette palette;
    /** The clock of the timestamps, or null without them. */
    private final Clock timestamps;
    private volatile boolean muted;
    /** Peers the user just disconnected: "* disconnected from bob" already said it. */
    private final Set<NodeId> disconnecting = ConcurrentHashMap.newKeySet();

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    ChatView(MeshNode node, Console console) {
        this(node, console, Palette.NONE, null);
    }

    /** {@code timestamps}: the clock whose local time starts each line, or null for none. */
    ChatView(MeshNode node, Console console, Palette palette, Clock timestamps) {
        this.node = node;
        this.console = console;
        this.palette = palette;
        this.timestamps = timestamps;
    }

    Console console() {
        return console;
    }

    /** The look-alike check behind {@link #label}, shared with name resolution. */
    Confusables names() {
        return names;
    }

    /**
     * The sanitized label of a node: its name, or name#abcd1234 when the name is shared, looks
     * like another known node's name (or ours), or could pass for something else (other clients
     * may send names with '#', spaces or angle brackets, e.g. "alice#1234abcd" or "bob> hi";
     * our own options forbid them).
     */
    String label(NodeId id, String name) {
        if (!name.isEmpty() && name.codePoints().anyMatch(c -> c == '#' || c == '<' || c == '>'
                || c == '[' || c == ']' || Character.isWhitespace(c)
                || Character.isSpaceChar(c))) {
            return UserResolver.qualified(name, id);
        }
        boolean shared = !id.equals(node.id()) && names.collide(node.username(), name);
        for (NodeInfo n : node.nodes()) {
            if (shared) {
                break;
            }
            shared = !n.id().equals(id) && names.collide(n.username(), name);
        }
        return shared ? UserResolver.qualified(name, id) : Sanitizer.clean(name);
    }

    /**
     * The label of a node known only by id (a group's creator or member, a relay): this node,
     * a known node, or, for one not in the directory (any more), its codename with its id.
     */
    String label(NodeId id) {
        return labelOr(id, null);
    }

    /**
     * As {@link #label(NodeId)}, but a node not in the directory is shown by {@code name}
     * (the name it last wrote under, from the history) when that is not null.
     */
    String labelOr(NodeId id, String name) {
        if (isSelf(id)) {
            return self();
        }
        for (NodeInfo n : node.nodes()) {
            if (n.id().equals(id)) {
                return label(id, n.username());
            }
        }
        return name != null ? label(id, name) : UserResolver.qualified(id.codename(), id);
    }

    /** Whether {@code id} is this node. */
    boolean isSelf(NodeId id) {
        return id.equals(node.id());
    }

    /**
     * A group's name as the mesh knows it (the creator's spelling, so {@code /group dev} and a
     * message sent to "DEV" both show {@code #Dev}), sanitized, without the '#'.
     */
    String groupName(GroupName name) {
        return Sanitizer.clean(GroupActions.meshSpelling(node, name));
    }

    /**
     * The user is disconnecting {@code id}: the "bob disconnected (...)" event that follows is
     * not shown, since the command prints its own line. Until {@link #disconnectShown}.
     */
    void disconnecting(NodeId id) {
        disconnecting.add(id);
    }

    /** Whether the disconnect event of {@code id} is the user's own, and forgets it. */
    boolean disconnectShown(NodeId id) {
        return disconnecting.remove(id);
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
        if (muted) {
            return;
        }
        if (timestamps != null) {
            String time = LocalTime.now(timestamps).format(TIME);
            console.println(palette.timestamp(time) + " " + line);
        } else {
            console.println(line);
        }
    }

    /** A sender's label, in its colour; ours (the echo of what we sent) stands out. */
    private String sender(String label) {
        return "<" + palette.sender(label, label.equals(self())) + ">";
    }

    void broadcast(String label, String text) {
        println(broadcastLine(label, text));
    }

    String broadcastLine(String label, String text) {
        return sender(label) + " " + Sanitizer.clean(text);
    }

    void privateFrom(String label, String text) {
        println(privateFromLine(label, text));
    }

    String privateFromLine(String label, String text) {
        return palette.privateTag("[private]") + " " + sender(label) + " " + Sanitizer.clean(text);
    }

    void privateTo(String label, String text) {
        println(privateToLine(label, text));
    }

    String privateToLine(String label, String text) {
        return palette.privateTag("[private to " + label + "]") + " " + Sanitizer.clean(text);
    }

    /** The recipient opened our private message: its sealed receipt came back. */
    void delivered(String label, String text) {
        system("delivered to " + label + ": " + preview(text));
    }

    /** No receipt for our private message in time. */
    void undelivered(String label, String text, String reason) {
        system("not confirmed by " + label + " (" + Sanitizer.clean(reason) + "): "
                + preview(text));
    }

    /** The start of a message, to say which one a receipt is about. */
    static String preview(String text) {
        String clean = Sanitizer.clean(text);
        return clean.codePointCount(0, clean.length()) <= 40 ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, 40)) + "...";
    }

    /** {@code [#Dev] <bob> text}: a message to a group, or our own, echoed. */
    void group(GroupName group, String label, String text) {
        println(groupLine(group, label, text));
    }

    String groupLine(GroupName group, String label, String text) {
        return palette.groupTag("[#" + groupName(group) + "]") + " " + sender(label) + " "
                + Sanitizer.clean(text);
    }

    /**
     * {@code [history 14:05] <alice> hi}: {@code line} (made by one of the {@code ...Line}
     * methods) as shown or sent before, at the time {@code mark}, the tag in the system colour.
     */
    /** A message line as it arrives. */
    void message(String line) {
        println(line);
    }

    /** {@code [late 14:05] <bob> text}: a message caught up after a split, at its own time. */
    void late(String sentAt, String line) {
        println(palette.system("[late " + sentAt + "]") + " " + line);
    }

    void history(String mark, String line) {
        println(palette.system("[history " + mark + "]") + " " + line);
    }

    /**
     * {@code [topic sensors/t] <alice> 21.5}: a delivery on a topic we subscribe to, or our own
     * publish, echoed; {@code [topic t, direct]} for one sent to us alone. {@code text} is null
     * for a payload that is not UTF-8 text, shown as its size.
     */
    void topic(String topic, boolean direct, String label, String text, int size) {
        String tag = "[topic " + Sanitizer.clean(topic) + (direct ? ", direct]" : "]");
        println(palette.groupTag(tag) + " " + sender(label) + " " + (text != null
                ? Sanitizer.clean(text) : size + (size == 1 ? " byte" : " bytes")));
    }

    /** A system line; {@code text} must already be sanitized where it holds network data. */
    void system(String text) {
        println(palette.system("* " + text));
    }

    /** One error line; {@code text} must already be sanitized where it holds outside data. */
    void error(String text) {
        println(palette.error("error: " + text));
    }
}
