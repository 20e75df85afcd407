package dev.ghostmesh.cli;

import static dev.ghostmesh.cli.CommandSpec.Completion.COMMAND;
import static dev.ghostmesh.cli.CommandSpec.Completion.GROUP_JOINED;
import static dev.ghostmesh.cli.CommandSpec.Completion.GROUP_TO_JOIN;
import static dev.ghostmesh.cli.CommandSpec.Completion.NONE;
import static dev.ghostmesh.cli.CommandSpec.Completion.PEER;
import static dev.ghostmesh.cli.CommandSpec.Completion.USER;

import dev.ghostmesh.cli.CommandSpec.Help;
import dev.ghostmesh.cli.CommandSpec.Param;
import dev.ghostmesh.cli.CommandSpec.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one command table of the CLI, in the order {@code /help} lists it. The chat
 * ({@link CommandHandler}) and the JSON mode ({@link JsonCommands}) dispatch through it,
 * {@code /help}, {@code /help <command>} and JSON's {@code help} reply are made from it
 * ({@link CommandHelp}), and so is Tab completion ({@link CommandCompleter}): a command added
 * here works, and is documented, in both at once.
 *
 * <p>Threading: the table is immutable; {@link #run} runs on the input thread.
 */
final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private static final Param TEXT = Param.rest("text", "<message>");
    private static final Param GROUP = Param.word("group", "<name>", NONE);

    /** Every command, in help order. */
    static final List<CommandSpec> ALL = List.copyOf(CommandTable.build(new ArrayList<>()));

    private Commands() {}

    /** The command named {@code name} (or one of its aliases), any case, or null. */
    static CommandSpec find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CommandSpec s : ALL) {
            if (s.name().equals(n) || s.aliases().contains(n)) {
                return s;
            }
        }
        return null;
    }

    /** The JSON command named exactly {@code name} (JSON names are lower case), or null. */
    static CommandSpec findJson(String name) {
        for (CommandSpec s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Runs {@code spec} and wipes its secrets. Failures come out typed: what the action threw
     * as a {@link CommandError} as is; a value the library refused (IllegalArgumentException)
     * as {@code rejected}; anything else as {@code failed}, logged.
     */
    static CommandResult run(CommandSpec spec, CommandContext context, CommandArgs args) {
        try {
            return spec.action().run(context, args);
        } catch (CommandError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CommandError("rejected", CommandHandler.messageOf(e));
        } catch (CompletionException e) {
            throw new CommandError("failed", CommandHandler.messageOf(e));
        } catch (RuntimeException e) {
            log.warn("{} failed", spec.name(), e);
            throw new CommandError("failed", CommandHandler.messageOf(e));
        } finally {
            args.clear();
        }
    }

    /** The rows, apart so the table reads as one list. Threading: run once, at class init. */
    private static final class CommandTable {
        private CommandTable() {}

        static List<CommandSpec> build(List<CommandSpec> t) {
            t.add(spec("broadcast", List.of(TEXT), help("broadcast to every node",
                    "example: /broadcast lunch is at noon",
                    "Sends <message> to every node of the mesh, signed by you.",
                    "Text that does not start with / does the same; //text sends \"/text\"."),
                    MessageActions::broadcast));
            t.add(spec("msg", List.of(Param.word("to", "<user>", USER), TEXT),
                    help("private message; <user> is a name, name#id, an id prefix (4+ hex"
                            + " digits) or a codename", "example: /msg bob see you at five",
                    "Sends <message> that only <user> can read: it is encrypted to their key"
                            + " and relayed",
                    "by the other nodes unread. When their receipt comes back you see"
                            + " \"* delivered to bob: ...\";",
                    "without one in 30 s, \"* not confirmed by bob (...)\". If several nodes"
                            + " share the name, use name#id."),
                    MessageActions::privateMessage));
            t.add(spec("group", List.of(Param.word("group", "<name>", GROUP_JOINED), TEXT),
                    help("send to a group you are in", "example: /group dev the build is green",
                    "Sends <message> to the members of group <name>; other nodes relay it"
                            + " unread."),
                    MessageActions::group));
            t.add(spec("history", List.of(Param.optional("what", "<n|#group|user>")
                    .completing(USER).onlyInChat(), Param.number("limit", "<n>"),
                    Param.optional("group", "<group>").onlyInJson(),
                    Param.optional("user", "<user>").onlyInJson(),
                    Param.optional("before", "<instant>").onlyInJson()),
                    new Help("messages you saw and sent: the last n (20), a group's, or a"
                            + " private conversation's", List.of(
                            "Shows the last n messages (1-10000, default 20) that you saw or"
                                    + " sent, oldest first, marked",
                            "[history HH:MM] (with the date for older days; \", late\" for one"
                                    + " that came late, by catch-up);",
                            "with #group only that group's, with a user only your private"
                                    + " messages with them (also",
                            "when they are not in the mesh now). They are kept in ghost.db in"
                                    + " your home across",
                            "restarts (see --no-history)."),
                            "example: /history 50   or   /history #dev   or   /history bob 10",
                            "/history [n]  or  /history #<group> [n]  or  /history <user> [n]"),
                    HistoryActions::history));
            t.add(spec("create", List.of(GROUP, Param.secret("password", "<password>")),
                    help("create a group and join it (1-32 letters, digits, - _); with a"
                            + " password, only those who know it can read it",
                    "example: /create dev   or   /create ops correct-horse-battery",
                    "Creates group <name> and tells the mesh it exists; you are its first"
                            + " member.",
                    "With a password, its messages are encrypted with a key derived from it"
                            + " and only members",
                    "who joined with the same password can read them. The password is drawn"
                            + " as * and never",
                    "kept in the input history."),
                    (c, a) -> GroupActions.createOrJoin(c, a, true)));
            t.add(spec("join", List.of(Param.word("group", "<name>", GROUP_TO_JOIN),
                    Param.secret("password", "<password>")),
                    help("join a group (a protected one with its password)", "example: /join dev",
                    "Joins group <name>, which you find with /groups; a protected group needs"
                            + " its password."),
                    (c, a) -> GroupActions.createOrJoin(c, a, false)));
            t.add(spec("leave", List.of(Param.word("group", "<name>", GROUP_JOINED)),
                    help("leave a group", "example: /leave dev",
                    "Leaves group <name>: its members see you go, and you no longer see its"
                            + " messages."),
                    GroupActions::leave));
            t.add(spec("groups", List.of(), help("every group in the mesh, with member counts",
                    null, "Lists every group the mesh knows of, its member count, and"
                            + " (protected) or (joined)."),
                    (c, a) -> new CommandResult.Groups(c.node.groups(), false)));
            t.add(spec("mygroups", List.of(), help("the groups you are in, with their members",
                    null, "Lists the groups you are in and their members."),
                    (c, a) -> new CommandResult.Groups(c.node.groups(), true)));
            t.add(spec("connect", List.of(Param.word("address", "<host>", NONE),
                    Param.optional("port", "<port>").onlyInChat()),
                    new Help("connect to a peer and keep reconnecting (also host:port; default"
                            + " port 6666)", List.of(
                            "Dials host:port and keeps the link: if it drops, it is re-dialed"
                                    + " with backoff (1 s doubling",
                            "to 60 s) until /disconnect. Nodes on your LAN are found without"
                                    + " it."),
                            "example: /connect 192.168.1.20   or   /connect example.org:7000",
                            "/connect <host> [port]  or  /connect <host>:<port>"),
                    LinkActions::connect));
            t.add(spec("disconnect", List.of(Param.word("peer", "<peer>", PEER),
                    Param.optional("port", "<port>").onlyInChat()),
                    new Help("close the link and stop reconnecting; <peer> is a user or"
                            + " host:port", List.of(
                            "Closes the link to <peer> (a user, as for /msg, or host:port) and"
                                    + " stops re-dialing it."),
                            "example: /disconnect bob   or   /disconnect 10.0.0.5:6666",
                            "/disconnect <user>  or  /disconnect <host>:<port>  or"
                                    + "  /disconnect <host> <port>"),
                    LinkActions::disconnect));
            t.add(spec("peers", List.of(), help("direct peers, and addresses still connecting",
                    null, "Lists your direct links (name, address, inbound or outbound), then"
                            + " the addresses",
                    "given to /connect or --connect that have no link yet, with the last"
                            + " error."),
                    (c, a) -> new CommandResult.Peers(c.node.peers(), c.node.connections())));
            t.add(spec("nodes", List.of(), help("every node known in the mesh: hops, via, last"
                    + " seen", null, "Lists every node you have heard of: how many hops away,"
                            + " through which peer, and when",
                    "it was last heard from."),
                    (c, a) -> new CommandResult.Nodes(c.node.nodes(), c.node.groups())));
            t.add(spec("whois", List.of(Param.word("user", "<user>", USER)),
                    help("a node's ID, codename, groups, route, addresses", "example: /whois bob",
                    "Shows a node's full ID, codename, the groups it is in, the route to it"
                            + " and the addresses",
                    "it announces."),
                    InfoActions::whois));
            t.add(spec("status", List.of(), help("your ID, port, peers, known nodes, uptime,"
                    + " counters", null, "Shows your username, codename, ID, listening port,"
                            + " LAN discovery, security profile,",
                    "uptime, and the message and drop counters."),
                    (c, a) -> new CommandResult.Status(c.node.status())));
            TopicCommands.add(t);
            t.add(new CommandSpec("clear", List.of(), List.of(), help("clear the screen", null,
                    "Clears the terminal; the chat goes on. Nothing to do when output is not a"
                            + " terminal."),
                    Surface.CHAT_ONLY, (c, a) -> new CommandResult.Cleared()));
            t.add(spec("help", List.of(Param.optional("command", "<command>")
                    .completing(COMMAND)),
                    help("this help, or more about one command", "example: /help msg",
                    "Without a command, lists them all; with one (with or without its /),"
                            + " explains it."),
                    InfoActions::help));
            t.add(new CommandSpec("quit", List.of("exit"), List.of(), help("say goodbye and"
                    + " exit (also /exit, Ctrl-D, Ctrl-C on an empty line)", null,
                    "Tells the mesh you are leaving, so peers show \"... left the mesh (said"
                            + " goodbye)\", and exits.",
                    "Lines still queued for want of a peer get up to 10 s to go out first.",
                    "Ctrl-C on a half-typed line only clears it. Commands work in any case."),
                    Surface.BOTH, (c, a) -> new CommandResult.Quit()));
            return t;
        }
    }

    static CommandSpec spec(String name, List<Param> params, Help help,
            CommandSpec.Action action) {
        return new CommandSpec(name, List.of(), params, help, Surface.BOTH, action);
    }

    /** A help: summary, example (or null), details. */
    static Help help(String summary, String example, String... details) {
        return new Help(summary, List.of(details), example, null);
    }
}
