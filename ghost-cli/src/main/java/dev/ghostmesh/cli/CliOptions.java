package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The command-line options of {@code ghost-terminal}, parsed by picocli and validated before
 * anything else starts, so a bad value costs one line and exit code 2, never a half-started
 * node.
 *
 * <p>Threading: parse and read from the main thread only.
 */
@Command(name = "ghost-terminal", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false,
        description = "Serverless mesh chat in the terminal: every node listens, dials, relays,"
                + " and shows what is meant for it.",
        footer = {"", "Home: --home DIR, else $GHOST_HOME, else ~/.ghost-terminal. It holds the"
                + " identity key (your ID stays the same across restarts), groups.state"
                + " (your groups and their keys, kept across restarts), ghost.db (the"
                + " messages you saw and sent, see /history) and ghost-terminal.log; one"
                + " running node per home.",
                "LAN discovery: every " + LanSetup.INTERVAL_SECONDS + " s each node sends a"
                        + " small UDP multicast beacon to " + LanSetup.GROUP + " port "
                        + LanSetup.PORT + " (TTL 1: it never leaves the LAN) and dials the"
                        + " nodes it hears; the link handshake proves who they are. A firewall"
                        + " must let UDP " + LanSetup.PORT + " and the --port TCP port in.",
                "Inside the chat, type /help for the commands.",
                "Exit codes: 0 ok, 1 could not start (port or home in use, ...), 2 bad usage."})
final class CliOptions {
    /** Exit code for invalid options, as picocli and most Unix tools use. */
    static final int EXIT_USAGE = 2;

    @Option(names = "--username", order = 1, paramLabel = "NAME",
            description = "Name shown to others (default: your codename). At most 32"
                    + " characters; no spaces, '#' or control characters.")
    String username;

    int port = TcpTransport.DEFAULT_PORT;

    @Option(names = "--connect", order = 3, paramLabel = "HOST[:PORT]",
            description = "Peer to connect to at startup and keep: re-dialed whenever the"
                    + " link is down (/disconnect stops it); repeatable. Without :PORT uses"
                    + " --connect-port, else 6666.")
    private List<String> connectTexts = new ArrayList<>();

    private Integer connectPort;

    @Option(names = "--home", order = 5, paramLabel = "DIR",
            description = "Directory for identity, log and lock (default: $GHOST_HOME or"
                    + " ~/.ghost-terminal).")
    Path home;

    @Option(names = "--no-history", order = 6,
            description = "Keep the messages you see and send (/history) in memory for this run"
                    + " only; default: in ghost.db in the home, across restarts.")
    boolean noHistory;

    @Option(names = "--no-discovery", order = 7,
            description = "Do not look for peers on the LAN and do not connect on your own:"
                    + " only --connect and /connect make links.")
    boolean noDiscovery;

    @Option(names = "--discovery-interface", order = 8, paramLabel = "NAME",
            description = "Network interface for LAN discovery (e.g. eth0, lo); repeatable."
                    + " Default: every interface that is up.")
    List<String> discoveryInterfaces = new ArrayList<>();

    @Option(names = "--network-key", order = 9, paramLabel = "KEY",
            description = "Join only the mesh whose nodes use KEY (16+ characters): nodes with"
                    + " another key or none cannot link with this one. Visible to other users"
                    + " of this machine in the process list: prefer --network-key-file.")
    String networkKeyText;

    @Option(names = "--network-key-file", order = 10, paramLabel = "FILE",
            description = "Join only the mesh whose nodes use the key in FILE (its first line):"
                    + " nodes with another key or none cannot link with this one. Use a long"
                    + " random key, e.g. from 'head -c 32 /dev/urandom | base64'.")
    Path networkKeyFile;

    @Option(names = "--profile", order = 11, paramLabel = "secure|open",
            description = "Security profile (default: secure). secure: encrypted links and"
                    + " signed messages. open: no link encryption and no signatures, for raw"
                    + " speed on a network you trust (private messages and password groups stay"
                    + " encrypted end to end). Nodes of different profiles cannot link.")
    void profile(String value) {
        profile = switch (value.toLowerCase(Locale.ROOT)) {
            case "secure" -> SecurityProfile.SECURE;
            case "open" -> SecurityProfile.OPEN;
            default -> throw invalid("invalid value for option '--profile': '"
                    + Sanitizer.clean(value) + "' (expected secure or open)");
        };
    }

    @Option(names = "--no-color", order = 12,
            description = "No colours. Also off when NO_COLOR is set or output is not a"
                    + " terminal.")
    boolean noColor;

    @Option(names = "--timestamps", order = 13,
            description = "Start every line with the local time (HH:MM:SS).")
    boolean timestamps;

    @Option(names = "--json", order = 14,
            description = "For scripts and bots: one JSON object per line on stdout for every"
                    + " event and command reply, one JSON command per line on stdin; no banner,"
                    + " prompt or colours, on a terminal too. See the man page, JSON MODE.")
    boolean json;

    /** The security profile: SECURE unless --profile open. */
    SecurityProfile profile = SecurityProfile.SECURE;

    /** The network key read from --network-key-file, or null for the open network. */
    String networkKey;

    /** Parsed --connect addresses, valid once {@link #parse} returned this instance. */
    final List<PeerAddress> connect = new ArrayList<>();

    @Option(names = "--port", order = 2, paramLabel = "N",
            description = "TCP port to listen on (default: 6666; 0 = any free port).")
    void port(int value) {
        if (value < 0 || value > 65535) {
            throw invalid("invalid port " + value + " for option '--port': must be 0-65535");
        }
        this.port = value;
    }

    @Option(names = "--connect-port", order = 4, paramLabel = "N",
            description = "Port for --connect addresses given without one (default: 6666).")
    void connectPort(int value) {
        if (value < 1 || value > 65535) {
            throw invalid("invalid port " + value + " for option '--connect-port': must be"
                    + " 1-65535");
        }
        this.connectPort = value;
    }

    private CommandLine commandLine;

    /** The outcome: options to run with, or an exit code because parsing already finished. */
    record Parsed(CliOptions options, int exitCode) {
        boolean proceed() {
            return options != null;
        }
    }

    /**
     * Parses {@code args}. Help and version go to {@code out} (exit 0); an invalid option is one
     * {@code error: ...} line on {@code err} (exit 2).
     */
    static Parsed parse(String[] args, PrintWriter out, PrintWriter err) {
        CliOptions o = new CliOptions();
        CommandLine cl = new CommandLine(o);
        o.commandLine = cl;
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                cl.usage(out);
                out.flush();
                return new Parsed(null, 0);
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(out);
                out.flush();
                return new Parsed(null, 0);
            }
            o.validate();
            return new Parsed(o, 0);
        } catch (ParameterException e) {
            err.println("error: " + lowerFirst(Sanitizer.clean(e.getMessage()))
                    + " (usage: ghost-terminal --help)");
            err.flush();
            return new Parsed(null, EXIT_USAGE);
        }
    }

    /** The home directory: --home, else $GHOST_HOME, else ~/.ghost-terminal; absolute. */
    Path resolveHome(Map<String, String> env) {
        Path dir = home;
        if (dir == null) {
            String fromEnv = env.get("GHOST_HOME");
            dir = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                    : Path.of(System.getProperty("user.home"), ".ghost-terminal");
        }
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The first line of {@code file}, stripped. A file rather than an option value keeps the
     * key out of the process list and shell history.
     */
    private String readNetworkKey(Path file) {
        String key;
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(file,
                    java.nio.charset.StandardCharsets.UTF_8);
            key = lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw invalid("cannot read the network key file " + Sanitizer.clean(file.toString())
                    + " for option '--network-key-file'");
        }
        if (key.length() < 16) {
            throw invalid("the network key in " + Sanitizer.clean(file.toString())
                    + " is too short (at least 16 characters; use a long random key)"
                    + " for option '--network-key-file'");
        }
        return key;
    }

    private void validate() {
        if (username != null) {
            String problem = usernameProblem(username);
            if (problem != null) {
                throw invalid("invalid value for option '--username': '"
                        + Sanitizer.clean(username) + "' " + problem);
            }
        }
        if (noDiscovery && !discoveryInterfaces.isEmpty()) {
            throw invalid("--discovery-interface cannot be used with --no-discovery");
        }
        for (String name : discoveryInterfaces) {
            String problem = LanSetup.interfaceProblem(name);
            if (problem != null) {
                throw invalid(problem + " for option '--discovery-interface'");
            }
        }
        if (networkKeyFile != null && networkKeyText != null) {
            throw invalid("--network-key and --network-key-file cannot be used together");
        }
        if (networkKeyFile != null) {
            networkKey = readNetworkKey(networkKeyFile);
        } else if (networkKeyText != null) {
            if (networkKeyText.strip().length() < 16) {
                throw invalid("the network key is too short (at least 16 characters; use a long"
                        + " random key) for option '--network-key'");
            }
            networkKey = networkKeyText.strip();
        }
        int defaultPort = connectPort != null ? connectPort : TcpTransport.DEFAULT_PORT;
        for (String text : connectTexts) {
            try {
                connect.add(Addresses.parse(text, defaultPort));
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage() + " for option '--connect'");
            }
        }
    }

    /**
     * Why {@code name} cannot be a username here, or null. Stricter than the library: no
     * whitespace (it would split {@code /msg name text}) and no '#' (it marks {@code name#id}).
     */
    static String usernameProblem(String name) {
        if (name.isBlank()) {
            return "is empty";
        }
        if (name.codePointCount(0, name.length()) > 32) {
            return "is longer than 32 characters";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "must not contain spaces";
            }
            if (cp == '#') {
                return "must not contain '#'";
            }
            if (Sanitizer.isUnsafe(cp) || Character.getType(cp) == Character.PRIVATE_USE) {
                return String.format("must not contain U+%04X", cp);
            }
            i += Character.charCount(cp);
        }
        // The protocol's own rule last: it follows Unicode 13.0 whatever this JDK's version,
        // so a name a newer runtime knows (U+1FAE0) is refused here, in the CLI's words,
        // rather than by the node builder after start-up began.
        try {
            MeshNode.builder().username(name);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage().replaceFirst("^invalid username: ", "");
        }
    }

    private ParameterException invalid(String message) {
        return new ParameterException(commandLine, message);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
