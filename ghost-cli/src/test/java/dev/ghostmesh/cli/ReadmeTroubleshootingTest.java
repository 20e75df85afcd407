package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Troubleshooting table quotes what the CLI really prints. Each quoted message
 * (see {@link ReadmeTable}) must match a line of evidence: the output of real processes made
 * to fail in each way that is cheap to provoke (option errors, a port or home in use, a home
 * whose history store is not a database, a refused connection, another network key or
 * profile, unknown and ambiguous users, the launchers without a suitable Java), or, for what
 * is too slow or too intrusive to provoke (a connect timeout, a link silent for 12 s, a
 * missing receipt after 30 s, UDP 6677 held by another program, Maven refusing an old JDK, a
 * failed first build), a line put together from string literals this test finds in the main
 * sources. A row that quotes nothing checkable fails too, so a new row must come with its
 * evidence here.
 *
 * <p>Threading: the test thread drives every process (see {@link CliProcess}).
 */
class ReadmeTroubleshootingTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration EXIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<CliProcess> processes = new ArrayList<>();
    /** Every line the CLI and its launchers printed here, and those built from the sources. */
    private final List<String> evidence = new ArrayList<>();

    @AfterEach
    void destroy() {
        processes.forEach(CliProcess::close);
    }

    @Test
    void everyMessageInTheTableIsOneTheCliReallyPrints() throws Exception {
        List<ReadmeTable.Row> rows = ReadmeTable.troubleshooting(ROOT.resolve("README.md"));
        assertTrue(rows.size() >= 10, "the Troubleshooting table is missing: " + rows);
        provokeOptionAndStartErrors();
        provokeChatErrors();
        provokeLauncherErrors();
        buildFromSources();

        List<String> problems = new ArrayList<>();
        for (ReadmeTable.Row row : rows) {
            List<String> quotes = row.messages();
            if (quotes.isEmpty()) {
                problems.add("line " + row.line() + " quotes no message this test can check: "
                        + row.symptom());
            }
            for (String quote : quotes) {
                Pattern p = ReadmeTable.pattern(quote);
                if (ReadmeTable.fixedChars(quote) < ReadmeTable.MIN_FIXED_CHARS) {
                    problems.add("line " + row.line() + " quotes too little to check: " + quote);
                } else if (evidence.stream().noneMatch(l -> quotes(quote, p, l))) {
                    problems.add("line " + row.line() + " quotes a message the CLI does not"
                            + " print: " + quote);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems)
                + "\n---- evidence ----\n" + String.join("\n", evidence));
    }

    @Test
    void placeholdersMatchVariablePartsAndTheRestIsLiteral() {
        Pattern p = ReadmeTable.pattern("error: 'bob' is ambiguous: bob#1234abcd, bob#9876fedc"
                + " (use name#id)");
        assertTrue(p.matcher("error: 'bob' is ambiguous: bob#0a1b2c3d, bob#ffee0011 (use name#id)")
                .matches());
        assertFalse(p.matcher("error: 'bob' is ambiguous: bob#0a1b2c3d (use name#id)").matches());
        Pattern refused = ReadmeTable.pattern("error: cannot connect to host:port: connection"
                + " refused (retrying; /disconnect host:port stops it)");
        assertTrue(refused.matcher("error: cannot connect to 127.0.0.1:5601: connection refused"
                + " (retrying; /disconnect 127.0.0.1:5601 stops it)").matches());
        assertFalse(refused.matcher("error: cannot connect to 127.0.0.1:5601: connection refused"
                + " (retrying)").matches());
        assertTrue(ReadmeTable.pattern("error: unknown user 'x' (see /nodes or /peers)")
                .matcher("error: unknown user 'zed' (see /nodes or /peers)").matches());
        assertFalse(ReadmeTable.pattern("error: unknown user 'x' (see /status or /peers)")
                .matcher("error: unknown user 'zed' (see /nodes or /peers)").matches());
        assertTrue(ReadmeTable.pattern("error: home directory ... is in use (pid N); use --home DIR")
                .matcher("error: home directory /tmp/a b is in use (pid 42); use --home DIR")
                .matches());
        assertEquals(0, ReadmeTable.fixedChars("error: ..."));
    }

    /**
     * Bad options, a home and a port in use: one stderr line each, before any chat; a history
     * store that cannot be used: one warning line, and the chat runs.
     */
    private void provokeOptionAndStartErrors() throws IOException {
        exitWith(2, start("unknown-option", "--frobnicate"));
        exitWith(2, start("bad-port", "--port", "abc"));
        exitWith(2, start("short-key", "--network-key", "too-short"));
        // A ghost.db that is not a database: carol warns once and chats on.
        Files.writeString(Files.createDirectories(tmp.resolve("carol")).resolve("ghost.db"),
                "not a database\n".repeat(100));
        CliProcess carol = start("carol", "--username", "carol", "--port", "0");
        carol.awaitReady();
        carol.awaitLine("* warning: history is not kept: ");
        exitWith(1, CliProcess.start("same-home", tmp.resolve("carol"), "--port", "0"));
        exitWith(1, start("same-port", "--port", String.valueOf(carol.port())));
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        exitWith(1, CliProcess.start("file-home", file.resolve("home"), "--port", "0"));
        carol.run("a line with no peer to hear it"); // queued, then not sent at the end
        carol.run("/peers");
        carol.run("/group dev standup");
        carol.run("/frobnicate");
        carol.closeStdin();
        carol.awaitLine("error: not sent (no peer, and none can link");
        exitWith(0, carol);
    }

    /**
     * alice (secure, no key) dials a node with a network key, an open-profile node and a closed
     * port; two nodes named bob then dial alice, and alice asks for bob and for nobody.
     */
    private void provokeChatErrors() throws IOException {
        int first = processes.size();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nobody listens here once it is closed
        }
        CliProcess keyed = start("keyed", "--port", "0", "--network-key", "a-key-of-16-chars-or-more")
                .awaitReady();
        CliProcess open = start("open", "--port", "0", "--profile", "open",
                "--connect", "127.0.0.1:" + keyed.port()).awaitReady();
        open.awaitLine("error: cannot connect to");
        CliProcess alice = start("alice", "--username", "alice", "--port", "0",
                "--connect", "127.0.0.1:" + keyed.port(), "--connect", "127.0.0.1:" + open.port(),
                "--connect", "127.0.0.1:" + closedPort).awaitReady();
        alice.awaitLine("connect to 127.0.0.1:" + keyed.port() + ": ");
        alice.awaitLine("connect to 127.0.0.1:" + open.port() + ": ");
        alice.awaitLine("connect to 127.0.0.1:" + closedPort + ": ");
        awaitInPeers(alice, "*   127.0.0.1:" + closedPort + "  connecting (retry in ");

        CliProcess bob = start("bob", "--username", "bob", "--port", "0",
                "--connect", "127.0.0.1:" + alice.port()).awaitReady();
        alice.awaitLine("* connected to bob (127.0.0.1:");
        bob.awaitLine("* connected to alice (127.0.0.1:" + alice.port() + ")");
        start("bob2", "--username", "bob", "--port", "0", "--connect", "127.0.0.1:" + alice.port())
                .awaitReady();
        alice.awaitLine("* connected to bob#");
        long deadline = System.nanoTime() + CliProcess.TIMEOUT.toNanos();
        while (alice.run("/msg bob are you there").stream().noneMatch(l -> l.contains("ambiguous"))
                && System.nanoTime() < deadline) {
            alice.awaitOutput(Duration.ofMillis(200)); // until alice knows both bobs
        }
        alice.run("/msg zed hello");
        processes.subList(first, processes.size()).forEach(p -> {
            evidence.addAll(p.stdout());
            evidence.addAll(p.stderr());
        });
    }

    /** /peers until it shows {@code text}: the line changes as the retry timer runs. */
    private static void awaitInPeers(CliProcess p, String text) {
        long deadline = System.nanoTime() + CliProcess.TIMEOUT.toNanos();
        while (p.run("/peers").stream().noneMatch(l -> l.startsWith(text))
                && System.nanoTime() < deadline) {
            p.awaitOutput(Duration.ofMillis(200));
        }
    }

    /** The two launchers without a Java, and the package's launcher with a Java 11. */
    private void provokeLauncherErrors() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin-without-java"));
        for (String tool : List.of("dirname", "readlink", "sed")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real
                    : Path.of("/bin", tool));
        }
        Map<String, String> noJava = Map.of("JAVA_HOME", "", "PATH", bin.toString());
        exitWith(1, CliProcess.start("source-launcher", List.of("/bin/bash",
                ROOT.resolve("ghost-terminal").toString()), noJava));
        Path debLauncher = ROOT.resolve("ghost-cli/src/deb/ghost-terminal");
        exitWith(1, CliProcess.start("deb-launcher", List.of("/bin/sh", debLauncher.toString()),
                noJava));
        Path java11 = Files.createDirectories(tmp.resolve("jdk-11/bin")).getParent();
        Files.writeString(java11.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
        Path java = Files.writeString(java11.resolve("bin/java"), "#!/bin/sh\nexit 3\n");
        assertTrue(java.toFile().setExecutable(true));
        exitWith(1, CliProcess.start("deb-launcher-java-11", List.of("/bin/sh",
                debLauncher.toString()), Map.of("JAVA_HOME", java11.toString())));
    }

    /**
     * Whether {@code line} is what {@code quote} shows: the whole line for an output line
     * ({@code error: ...}, {@code * ...}), else a part of one (the reason inside an error).
     */
    private static boolean quotes(String quote, Pattern p, String line) {
        boolean wholeLine = quote.startsWith("error: ") || quote.startsWith("* ");
        return wholeLine ? p.matcher(line).matches() : p.matcher(line).find();
    }

    /** Lines too slow or intrusive to provoke, assembled from literals of the main sources. */
    private void buildFromSources() throws IOException {
        String chatView = "ghost-cli/src/main/java/dev/ghostmesh/cli/ChatView.java";
        String error = lit(chatView, "error: ");
        String system = lit(chatView, "* ");
        String dialer = "ghost-transport/src/main/java/dev/ghostmesh/transport/tcp/Dialer.java";
        String timeout = lit(dialer, "connect timed out after ") + 5000 + lit(dialer, " ms");
        List<String> refused = evidence.stream()
                .filter(l -> l.startsWith("error: cannot connect to ")
                        && l.contains(": connection refused ("))
                .toList();
        assertFalse(refused.isEmpty(), "no refused connection was provoked");
        evidence.add(refused.get(0).replace(": connection refused (", ": " + timeout + " ("));

        String status = "ghost-cli/src/main/java/dev/ghostmesh/cli/StatusView.java";
        String sockets = "ghost-transport/src/main/java/dev/ghostmesh/transport/lan/LanSockets.java";
        evidence.add(error + lit(status, "LAN discovery did not start: ")
                + lit(sockets, "cannot bind UDP port ") + LanSetup.PORT
                + lit(sockets, " for LAN discovery: ") + "Address already in use"
                + lit(status, "; connect with --connect or /connect"));

        String links = "ghost-core/src/main/java/dev/ghostmesh/internal/link/LinkManager.java";
        String printer = "ghost-cli/src/main/java/dev/ghostmesh/cli/EventPrinter.java";
        evidence.add(system + "bob" + lit(printer, " disconnected (")
                + lit(links, "no answer for ") + 12 + lit(links, " s") + lit(printer, ")"));

        String receipts = "ghost-core/src/main/java/dev/ghostmesh/internal/messaging/"
                + "DirectMessaging.java";
        evidence.add(system + lit(chatView, "not confirmed by ") + "bob" + lit(chatView, " (")
                + lit(receipts, "no receipt within ") + 30 + lit(receipts, " s")
                + lit(chatView, "): ") + "see you at 5");

        // What Maven's enforcer says on an old JDK or Maven: the messages of the root pom.
        Matcher messages = Pattern.compile("<message>([^<]+)</message>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (messages.find()) {
            evidence.add(messages.group(1));
        }
        evidence.add(echoed(ROOT.resolve("ghost-terminal"), "building ghost-terminal failed"));
    }

    /** {@code text}, after checking that {@code file} has it as a Java string literal. */
    private static String lit(String file, String text) throws IOException {
        String source = Files.readString(ROOT.resolve(file));
        assertTrue(source.contains("\"" + text + "\""), file + " has no literal \"" + text + "\"");
        return text;
    }

    /**
     * The message of the {@code echo "..." >&2} on the line of {@code script} that contains
     * {@code marker}, with the script's {@code NAME="..."} variables expanded ({@code ROOT} is
     * the repository root).
     */
    private static String echoed(Path script, String marker) throws IOException {
        Map<String, String> vars = new TreeMap<>(
                Comparator.comparing(String::length).reversed().thenComparing(s -> s));
        vars.put("ROOT", ROOT.toString());
        Pattern assignment = Pattern.compile("([A-Z_]+)=\"([^\"]*)\"");
        Pattern echo = Pattern.compile("echo \"([^\"]*)\" >&2");
        String message = null;
        for (String line : Files.readAllLines(script)) {
            Matcher a = assignment.matcher(line.strip());
            if (a.matches()) {
                vars.putIfAbsent(a.group(1), a.group(2));
            }
            Matcher e = echo.matcher(line);
            if (line.contains(marker) && e.find()) {
                message = e.group(1);
            }
        }
        assertNotNull(message, script + " echoes no line with '" + marker + "'");
        for (int round = 0; round < vars.size() && message.contains("$"); round++) {
            for (Map.Entry<String, String> v : vars.entrySet()) {
                message = message.replace("$" + v.getKey(), v.getValue());
            }
        }
        assertFalse(message.contains("$"), "unexpanded variable in " + message);
        return message;
    }

    /** A CLI process with its own home under the temporary directory. */
    private CliProcess start(String name, String... args) {
        CliProcess p = CliProcess.start(name, tmp.resolve(name), args);
        processes.add(p);
        return p;
    }

    /** Waits for {@code p} to exit with {@code code}; its output becomes evidence. */
    private void exitWith(int code, CliProcess p) {
        processes.add(p);
        assertEquals(code, p.awaitExit(EXIT), p::transcript);
        if (code != 0) {
            p.awaitStderrLine("error: "); // the pipe may still hold it after the exit
        }
        evidence.addAll(p.stdout());
        evidence.addAll(p.stderr());
    }
}
