package dev.ghostmesh.examples;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The game of the {@link GameLoopExample}: players on two teams fill a lobby, then scripted bots
 * move, sending their position every tick, and chat in the lobby (a broadcast) and in their
 * team (a group), for a fixed number of ticks.
 *
 * <p>Threading: confined to the game thread, apart from {@link #onGameThread}, which is what
 * would notice an event arriving on any other thread.
 */
final class Match {
    static final List<String> NAMES =
            List.of("ana", "ben", "cleo", "dev", "eli", "fay", "gus", "hana");
    static final GroupName RED = GroupName.of("red");
    static final GroupName BLUE = GroupName.of("blue");
    private static final List<String> TEAM_LINES = List.of("I take the left flank",
            "covering mid", "pushing right", "holding the base", "scouting the bridge",
            "healing at spawn", "flag in sight", "on my way");

    /** One scripted chat line: at {@code tick} of play, player {@code player} says it. */
    record Line(long tick, int player, boolean toTeam, String text) {}

    private final GameLoop loop;
    private final LocalNetwork network;
    private final long playTicks;
    private final long setupTickLimit;
    private final PrintStream out;
    private final List<Player> players = new ArrayList<>();
    private final List<Line> script = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long eventsOnGameThread;
    private final AtomicLong eventsElsewhere = new AtomicLong();
    private final Set<String> strayThreads = ConcurrentHashMap.newKeySet();
    private long playStart = -1;

    Match(int playerCount, long playTicks, int ticksPerSecond, GameLoop loop,
            LocalNetwork network, PrintStream out) {
        this.loop = loop;
        this.network = network;
        this.playTicks = playTicks;
        this.setupTickLimit = 15L * ticksPerSecond;
        this.out = out;
        for (int i = 0; i < playerCount; i++) {
            // Alternate teams; the first player of each team is its captain.
            players.add(new Player(NAMES.get(i), i, i % 2 == 0 ? RED : BLUE, i < 2, this));
        }
        script.add(new Line(10, 0, false, "gl hf"));
        script.add(new Line(15, 1, false, "glhf, see you at the bridge"));
        for (int i = 0; i < playerCount; i++) {
            script.add(new Line(20 + 5L * i, i, true, TEAM_LINES.get(i)));
        }
    }

    /** The last tick of the script: a match must last longer, or lines would go unheard. */
    static long lastScriptedTick(int players) {
        return 20 + 5L * (players - 1);
    }

    /** One tick of the game: false once the match is over. */
    boolean tick(long n) {
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.get(0));
        }
        if (n == 0) {
            start();
        }
        if (playStart < 0) {
            if (players.stream().allMatch(p -> p.ready(players.size(), teamSize(p.team)))) {
                playStart = n;
                out.printf("tick %d: lobby full, red: %s, blue: %s%n", n, roster(RED),
                        roster(BLUE));
            } else if (n > setupTickLimit) {
                throw new IllegalStateException("the lobby did not fill within " + n + " ticks");
            }
            return true;
        }
        long playTick = n - playStart;
        for (Player player : players) {
            player.move((int) playTick);
        }
        for (Line line : script) {
            if (line.tick() == playTick) {
                players.get(line.player()).say(line.text(), line.toTeam());
            }
        }
        return playTick < playTicks;
    }

    /** Ticks since the lobby filled (negative before). */
    long playTick() {
        return playStart < 0 ? -1 : loop.currentTick() - playStart;
    }

    /** Every player's node starts and links to the first player's (the host's). */
    private void start() {
        List<LocalTransport> transports = new ArrayList<>();
        for (Player player : players) {
            LocalTransport transport = network.transport(player.name);
            MeshNode node = MeshNode.builder().username(player.name).transport(transport)
                    // The heart of it: the node runs only when the game loop polls its group.
                    .loops(loop.mesh())
                    .build();
            node.addListener(player);
            player.attach(node);
            node.start();
            transports.add(transport);
        }
        for (int i = 1; i < players.size(); i++) {
            String name = players.get(i).name;
            onTick(players.get(i).node().connect(transports.get(0).address()), (peer, error) -> {
                if (error != null) {
                    failed(name + " could not reach the host: " + error);
                }
            });
        }
        players.forEach(Player::formTeam);
    }

    /**
     * Runs {@code then} once {@code future} completes: on the game thread, inside a poll, as
     * every completion of a host-driven node's future is; no re-marshalling needed.
     */
    <T> void onTick(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, error) -> {
            onGameThread();
            then.accept(value, error);
        });
    }

    /** Counts a game-visible event, and where it ran. Callable from any thread. */
    void onGameThread() {
        if (loop.onLoopThread()) {
            eventsOnGameThread++;
        } else {
            eventsElsewhere.incrementAndGet();
            strayThreads.add(Thread.currentThread().getName());
        }
    }

    /** Ends the match at the next tick with {@code problem}. */
    void failed(String problem) {
        failures.add(problem);
    }

    /** Closes every node: each says goodbye, which the others would show if play went on. */
    void close() {
        players.stream().map(Player::node).filter(n -> n != null).forEach(MeshNode::close);
    }

    /** What each player saw, by name, where the events ran, and {@code libraryThreads}. */
    Report report(Set<String> libraryThreads) {
        Map<String, List<String>> chats = new LinkedHashMap<>();
        Map<String, Map<String, List<Player.Heard>>> positions = new LinkedHashMap<>();
        for (Player p : players) {
            chats.put(p.name + " (" + p.team + ")", p.chat());
            positions.put(p.name + " (" + p.team + ")", p.positions());
        }
        return new Report(chats, positions, eventsOnGameThread, eventsElsewhere.get(),
                Set.copyOf(strayThreads), loop.loopThread().getName(), libraryThreads);
    }

    private long teamSize(GroupName team) {
        return players.stream().filter(p -> p.team.equals(team)).count();
    }

    private String roster(GroupName team) {
        return players.stream().filter(p -> p.team.equals(team)).map(p -> p.name)
                .collect(Collectors.joining(" "));
    }

    /**
     * The outcome of a match.
     *
     * @param chats each player's chat window, keyed by {@code name (team)}, in player order
     * @param positions the position updates each player received (keyed as {@code chats}),
     *     by sender name, in arrival order
     * @param eventsOnGameThread listener callbacks and future completions run by the game loop
     * @param eventsElsewhere those that ran on any other thread (the example promises none)
     * @param strayThreads the names of those other threads
     * @param gameThread the name of the game loop's thread
     * @param libraryThreads threads named {@code ghost-*} started during the match (the
     *     example promises none: host-driven nodes on an in-process network need no thread)
     */
    record Report(Map<String, List<String>> chats,
            Map<String, Map<String, List<Player.Heard>>> positions, long eventsOnGameThread,
            long eventsElsewhere, Set<String> strayThreads, String gameThread, Set<String> libraryThreads) {}
}
