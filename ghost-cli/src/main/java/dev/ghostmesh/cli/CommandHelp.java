package dev.ghostmesh.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code /help} (every command in one line each, then the line formats) and of
 * {@code /help <command>} (its usage, what it does in a few lines, and an example).
 *
 * <p>Threading: immutable and thread-safe.
 */
final class CommandHelp {
    private record Entry(String synopsis, String summary, List<String> details) {}

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        add("/broadcast", "<message>", "broadcast to every node",
                "Sends <message> to every node of the mesh, signed by you.",
                "Text that does not start with / does the same; //text sends \"/text\".",
                "example: /broadcast lunch is at noon");
        add("/msg", "<user> <message>", "private message; <user> is a name, name#id,"
                + " an id prefix (4+ hex digits) or a codename",
                "Sends <message> that only <user> can read: it is encrypted to their key and"
                        + " relayed",
                "by the other nodes unread. When their receipt comes back you see"
                        + " \"* delivered to bob: ...\";",
                "without one in 30 s, \"* not confirmed by bob (...)\". If several nodes share"
                        + " the name, use name#id.",
                "example: /msg bob see you at five");
        add("/group", "<name> <message>", "send to a group you are in",
                "Sends <message> to the members of group <name>; other nodes relay it unread.",
                "example: /group dev the build is green");
        add("/create", "<name> [password]", "create a group and join it (1-32 letters,"
                + " digits, - _); with a password, only those who know it can read it",
                "Creates group <name> and tells the mesh it exists; you are its first member.",
                "With a password, its messages are encrypted with a key derived from it and only"
                        + " members",
                "who joined with the same password can read them. The password is drawn as *"
                        + " and never",
                "kept in the input history.",
                "example: /create dev   or   /create ops correct-horse-battery");
        add("/join", "<name> [password]", "join a group (a protected one with its password)",
                "Joins group <name>, which you find with /groups; a protected group needs its"
                        + " password.",
                "example: /join dev");
        add("/leave", "<name>", "leave a group",
                "Leaves group <name>: its members see you go, and you no longer see its"
                        + " messages.",
                "example: /leave dev");
        add("/groups", "", "every group in the mesh, with member counts",
                "Lists every group the mesh knows of, its member count, and (protected) or"
                        + " (joined).");
        add("/mygroups", "", "the groups you are in, with their members",
                "Lists the groups you are in and their members.");
        add("/connect", "<host> [port]", "connect to a peer and keep reconnecting (also"
                + " host:port; default port 6666)",
                "Dials host:port and keeps the link: if it drops, it is re-dialed with backoff"
                        + " (1 s doubling",
                "to 60 s) until /disconnect. Nodes on your LAN are found without it.",
                "example: /connect 192.168.1.20   or   /connect example.org:7000");
        add("/disconnect", "<peer>", "close the link and stop reconnecting; <peer> is a"
                + " user or host:port",
                "Closes the link to <peer> (a user, as for /msg, or host:port) and stops"
                        + " re-dialing it.",
                "example: /disconnect bob   or   /disconnect 10.0.0.5:6666");
        add("/peers", "", "direct peers, and addresses still connecting",
                "Lists your direct links (name, address, inbound or outbound), then the"
                        + " addresses",
                "given to /connect or --connect that have no link yet, with the last error.");
        add("/nodes", "", "every node known in the mesh: hops, via, last seen",
                "Lists every node you have heard of: how many hops away, through which peer,"
                        + " and when",
                "it was last heard from.");
        add("/whois", "<user>", "a node's ID, codename, groups, route, addresses",
                "Shows a node's full ID, codename, the groups it is in, the route to it and"
                        + " the addresses",
                "it announces.",
                "example: /whois bob");
        add("/status", "", "your ID, port, peers, known nodes, uptime, counters",
                "Shows your username, codename, ID, listening port, LAN discovery, security"
                        + " profile,",
                "uptime, and the message and drop counters.");
        add("/clear", "", "clear the screen",
                "Clears the terminal; the chat goes on. Nothing to do when output is not a"
                        + " terminal.");
        add("/help", "[command]", "this help, or more about one command",
                "Without a command, lists them all; with one (with or without its /), explains"
                        + " it.",
                "example: /help msg");
        add("/quit", "", "say goodbye and exit (also /exit, Ctrl-D, Ctrl-C on an empty line)",
                "Tells the mesh you are leaving, so peers show \"... left the mesh (said"
                        + " goodbye)\", and exits.",
                "Lines still queued for want of a peer get up to 10 s to go out first.",
                "Ctrl-C on a half-typed line only clears it. Commands work in any case.");
    }

    private static final List<String> FORMATS = List.of(
            "what you see:",
            "  <alice> hello             a broadcast (yours too)",
            "  [private] <alice> hi      a private message to you",
            "  [private to bob] hi       your private message to bob",
            "  [#Dev] <alice> hi         a message to a group you are in (yours too)",
            "  * ...                     system lines (connected, joined, left, created)",
            "  error: ...                something went wrong; the chat keeps running",
            "  name#abcd1234             a name that several nodes share, or that looks like"
                    + " another",
            "                            (bob and Cyrillic b\u043eb), with the node's id prefix",
            "  \\u001b, \\u202e, ...       control and invisible characters others sent,"
                    + " shown escaped");

    private static final List<String> OVERVIEW = buildOverview();

    private CommandHelp() {}

    private static void add(String command, String args, String summary, String... details) {
        COMMANDS.put(command, new Entry(args.isEmpty() ? command : command + " " + args,
                summary, List.of(details)));
    }

    /** Every command, in the order {@code /help} lists them. */
    static List<String> commands() {
        return List.copyOf(COMMANDS.keySet());
    }

    /** The lines of {@code /help}. */
    static List<String> overview() {
        return OVERVIEW;
    }

    private static List<String> buildOverview() {
        List<String> lines = new ArrayList<>();
        lines.add("commands (/help <command> for more):");
        lines.add(column("<message>") + "broadcast to every node (//text sends \"/text\")");
        COMMANDS.values().forEach(e -> lines.add(column(e.synopsis()) + e.summary()));
        lines.addAll(FORMATS);
        return List.copyOf(lines);
    }

    /**
     * The lines of {@code /help <command>} ({@code msg} or {@code /msg}, any case), or null
     * when there is no such command.
     */
    static List<String> about(String command) {
        String key = command.strip().toLowerCase(Locale.ROOT);
        key = key.startsWith("/") ? key : "/" + key;
        if (key.equals("/exit")) {
            key = "/quit";
        }
        Entry e = COMMANDS.get(key);
        if (e == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        lines.add("usage: " + e.synopsis());
        e.details().forEach(d -> lines.add("  " + d));
        return List.copyOf(lines);
    }

    /** The synopsis padded to the summary column, as /help has always aligned them. */
    private static String column(String synopsis) {
        String s = "  " + synopsis;
        return s.length() < 28 ? s + " ".repeat(28 - s.length()) : s + " ";
    }
}
