package dev.ghostmesh.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A throw-away network of Linux network namespaces for multi-host process tests, built with
 * iproute2 as root. Nothing of it touches the host's own network namespace:
 * <pre>
 *   ns gtlab-PID-RAND-hub:   br0 (bridge, no address)   br1 ...        one bridge per segment
 *                             |  hIsK (veth)             |
 *   ns gtlab-PID-RAND-NAME:  gtK 10.231.X.(10+I)/24     ...             one namespace per host
 * </pre>
 * Each host gets its own namespace with {@code lo} up and one veth pair per segment it is on:
 * {@code gtK} inside the host, its peer a port of segment K's bridge in the hub namespace.
 * Segments are /24s in 10.231.0.0/16 whose third byte is random among those the host's routes
 * do not use. Each host gets a multicast route (224.0.0.0/4) through its first veth, so LAN
 * beacons leave there; {@link #route} adds a default route through a router host, which then
 * forwards IPv4 between its segments (multicast it does not forward: beacons stay on their
 * segment, as on a real routed network). The bridges do not snoop IGMP, so multicast floods
 * every port, like a plain switch.
 *
 * <p>Cleanup guarantees: every name starts with {@code gtlab-<pid of this JVM>-<random>}, so
 * parallel runs never touch each other's. {@link #close} kills the processes started in the lab
 * and whatever else still runs in its namespaces ({@code ip netns pids}), deletes the
 * namespaces (which destroys the veths and bridges with them) and fails if any is left; it is
 * idempotent, runs from a JVM shutdown hook too, and a failed setup closes what it made.
 * Creating a lab first deletes leftovers of labs whose JVM is gone (killed with -9, say).
 *
 * <p>Threading: not thread-safe; use from the test thread.
 */
final class NetnsLab implements AutoCloseable {
    static final String PREFIX = "gtlab-";
    private static final Pattern LEFTOVER = Pattern.compile("^(gtlab-(\\d+)-[0-9a-z]+-\\S+)");
    private static final Pattern ROUTE =
            Pattern.compile("(?m)^(?:\\S+ )?(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)(?:/(\\d+))?\\b");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static volatile String unavailable;
    private static volatile boolean probed;

    /** A bridge in the hub namespace and its /24. */
    record Segment(int index, String bridge, String subnetPrefix) {}

    /** One interface of a host: {@code dev} inside it, {@code hubPort} on the bridge. */
    record Iface(Segment segment, String dev, String hubPort, String ip) {}

    /** A host: its namespace and interfaces. */
    record Host(String name, String ns, List<Iface> ifaces) {
        /** The host's address on its first segment. */
        String ip() {
            return ifaces.get(0).ip();
        }

        /** The host's address on {@code segment}. */
        String ip(Segment segment) {
            return ifaces.stream().filter(i -> i.segment().equals(segment)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not on "
                            + segment)).ip();
        }
    }

    private final String id;
    private final String hub;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private final List<CliProcess> processes = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();
    private final Set<Integer> usedOctets = new HashSet<>();
    private final Thread shutdownHook = new Thread(this::close, "netns-lab-cleanup");
    private boolean closed;

    private NetnsLab() {
        this.id = PREFIX + ProcessHandle.current().pid() + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        this.hub = id + "-hub";
    }

    /**
     * Why labs cannot be made here (not root, no iproute2, no namespaces), or null if they can.
     * The answer comes from really adding and deleting a namespace.
     */
    static synchronized String unavailableReason() {
        if (probed) {
            return unavailable;
        }
        probed = true;
        String why = null;
        if (!isRoot()) {
            why = "not running as root";
        } else {
            String probe = PREFIX + ProcessHandle.current().pid() + "-probe-x";
            Result add = exec(List.of("ip", "netns", "add", probe));
            if (add.code() != 0) {
                why = "'ip netns add' failed: " + add.output().strip();
            } else {
                exec(List.of("ip", "netns", "del", probe));
            }
        }
        unavailable = why == null ? null : "multi-host tests need root and 'ip netns'"
                + " (iproute2, network namespaces): " + why;
        return unavailable;
    }

    /** Creates an empty lab (just its hub namespace), after removing dead runs' leftovers. */
    static NetnsLab create() {
        removeLeftovers();
        NetnsLab lab = new NetnsLab();
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.addNamespace(lab.hub);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Adds a segment: a bridge in the hub and a fresh /24 for it. */
    Segment segment() {
        return guarded(() -> {
            int index = segments.size();
            String bridge = "br" + index;
            ip("-n", hub, "link", "add", bridge, "type", "bridge", "mcast_snooping", "0");
            ip("-n", hub, "link", "set", bridge, "up");
            Segment s = new Segment(index, bridge, "10.231." + freeOctet() + ".");
            segments.add(s);
            return s;
        });
    }

    /** Adds a host (its namespace, lo up, a veth into each of {@code on}). */
    Host host(String name, Segment... on) {
        if (!name.matches("[a-z0-9]{1,12}") || on.length == 0) {
            throw new IllegalArgumentException("host name [a-z0-9]{1,12} on 1+ segments");
        }
        return guarded(() -> {
            int index = hosts.size();
            String ns = id + "-" + name;
            addNamespace(ns);
            ip("-n", ns, "link", "set", "lo", "up");
            List<Iface> ifaces = new ArrayList<>();
            for (int k = 0; k < on.length; k++) {
                Segment s = on[k];
                String dev = "gt" + k;
                String port = "h" + index + "s" + s.index();
                String address = s.subnetPrefix() + (10 + index);
                ip("-n", hub, "link", "add", port, "type", "veth", "peer", "name", dev,
                        "netns", ns);
                ip("-n", hub, "link", "set", port, "master", s.bridge(), "up");
                ip("-n", ns, "addr", "add", address + "/24", "dev", dev);
                ip("-n", ns, "link", "set", dev, "up");
                ifaces.add(new Iface(s, dev, port, address));
            }
            // Multicast leaves through the first veth, whatever other routes come later.
            ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "gt0");
            Host h = new Host(name, ns, List.copyOf(ifaces));
            hosts.add(h);
            return h;
        });
    }

    /** Makes {@code router} forward IPv4 and gives {@code host} a default route through it. */
    void route(Host host, Host router) {
        guarded(() -> {
            Iface shared = host.ifaces().stream().filter(i -> router.ifaces().stream()
                    .anyMatch(r -> r.segment().equals(i.segment()))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(host.name()
                            + " shares no segment with " + router.name()));
            check(List.of("ip", "netns", "exec", router.ns(), "sysctl", "-qw",
                    "net.ipv4.ip_forward=1"));
            ip("-n", host.ns(), "route", "add", "default", "via",
                    router.ip(shared.segment()), "dev", shared.dev());
            return null;
        });
    }

    /**
     * Unplugs ({@code false}) or plugs back in the host's cables: the bridge ports go down, so
     * its packets are dropped silently; its TCP peers get no FIN or RST.
     */
    void cable(Host host, boolean up) {
        for (Iface i : host.ifaces()) {
            ip("-n", hub, "link", "set", i.hubPort(), up ? "up" : "down");
        }
    }

    /** {@code command} run inside {@code host}'s namespace. */
    static List<String> inside(Host host, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", host.ns()));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Starts ghost-terminal inside {@code host} with {@code --home home} and {@code args}
     * (discovery as the args say: the namespace keeps its beacons in the lab). The lab kills it
     * when it closes; its failures show every lab process's output and log.
     */
    CliProcess start(Host host, String name, Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return spawn(host, name, CliProcess.javaCommandUnconfined(all), home);
    }

    /** Starts {@code command} inside {@code host} like {@link #start}; {@code home} may be null. */
    CliProcess spawn(Host host, String name, List<String> command, Path home) {
        CliProcess p = CliProcess.start(name, inside(host, command));
        p.context(this::transcripts);
        processes.add(p);
        homes.add(home);
        return p;
    }

    /** Every lab process's output and the end of its log, for failure messages. */
    String transcripts() {
        StringBuilder sb = new StringBuilder("\n==== all processes of lab " + id + " ====\n");
        for (int i = 0; i < processes.size(); i++) {
            sb.append(processes.get(i).transcript()).append('\n');
            if (homes.get(i) != null) {
                sb.append(logTail(homes.get(i), processes.get(i).name, 40));
            }
        }
        return sb.toString();
    }

    /** The last {@code n} lines of the node log in {@code home}. */
    static String logTail(Path home, String name, int n) {
        Path log = home.resolve(LogSetup.LOG_FILE);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- " + name + " log (last " + n + " lines) ----\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - n),
                            lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "---- " + name + " log: " + e + "\n";
        }
    }

    String id() {
        return id;
    }

    /**
     * Kills the lab's processes and everything else in its namespaces, deletes the namespaces
     * and checks that none is left. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook
        }
        processes.forEach(CliProcess::close);
        List<String> reversed = new ArrayList<>(namespaces);
        java.util.Collections.reverse(reversed);
        reversed.forEach(NetnsLab::deleteNamespace);
        List<String> left = labNamespaces().stream().filter(n -> n.startsWith(id + "-"))
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("namespaces of lab " + id + " survived: " + left);
        }
    }

    /** Deletes namespaces (and kills their processes) of labs whose JVM no longer runs. */
    static void removeLeftovers() {
        for (String ns : labNamespaces()) {
            Matcher m = LEFTOVER.matcher(ns);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                deleteNamespace(ns);
            }
        }
    }

    private static List<String> labNamespaces() {
        Result r = exec(List.of("ip", "netns", "list"));
        return r.output().lines().map(l -> l.split("\\s+")[0]).filter(n -> n.startsWith(PREFIX))
                .collect(Collectors.toList());
    }

    /** Kills what still runs in {@code ns}, then deletes it. */
    private static void deleteNamespace(String ns) {
        Result pids = exec(List.of("ip", "netns", "pids", ns));
        pids.output().lines().map(String::strip).filter(s -> s.matches("\\d+"))
                .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> h).join();
                }));
        exec(List.of("ip", "netns", "del", ns));
    }

    private void addNamespace(String ns) {
        ip("netns", "add", ns);
        namespaces.add(ns);
    }

    /**
     * A third byte for 10.231.X.0/24 that this lab does not use yet and that no route of the
     * host overlaps (routes broader than a /16, such as a default route, overlap everything and
     * are ignored). The lab's addresses live only in its own namespaces, so this is caution,
     * not necessity: nothing the host routes is ever shadowed.
     */
    private int freeOctet() {
        List<int[]> routes = new ArrayList<>(); // {address, prefix length}
        Matcher m = ROUTE.matcher(exec(List.of("ip", "-4", "route", "show", "table", "all"))
                .output());
        while (m.find()) {
            int len = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
            int addr = Integer.parseInt(m.group(1)) << 24 | Integer.parseInt(m.group(2)) << 16
                    | Integer.parseInt(m.group(3)) << 8 | Integer.parseInt(m.group(4));
            if (len >= 16) {
                routes.add(new int[] {addr, len});
            }
        }
        for (int tries = 0; tries < 1000; tries++) {
            int x = ThreadLocalRandom.current().nextInt(1, 255);
            int subnet = 10 << 24 | 231 << 16 | x << 8;
            boolean clash = usedOctets.contains(x) || routes.stream().anyMatch(r -> {
                int len = Math.min(24, r[1]);
                int mask = (int) (0xFFFFFFFFL << (32 - len));
                return (r[0] & mask) == (subnet & mask);
            });
            if (!clash) {
                usedOctets.add(x);
                return x;
            }
        }
        throw new IllegalStateException("no free 10.231.X.0/24: the host routes all of them");
    }

    private <T> T guarded(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        check(cmd);
    }

    private static void check(List<String> cmd) {
        Result r = exec(cmd);
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + r.code()
                    + "): " + r.output().strip());
        }
    }

    record Result(int code, String output) {}

    /** Runs a short command, output and errors together; exit code -1 if it cannot run. */
    static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", cmd) + " timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
