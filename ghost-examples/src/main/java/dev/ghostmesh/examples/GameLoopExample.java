package dev.ghostmesh.examples;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.spi.MeshClock;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A game that drives its mesh nodes from its own tick: bot players fill a lobby, split into
 * teams red and blue, then move, each sending its position every tick as 12 bytes on the topic
 * {@code game/positions} (the newest value per player, dropped after half a second), and chat
 * in the lobby (a broadcast) and in their team (a group). Run it
 * with
 * {@code mvn -q -pl ghost-examples -am package -DskipTests exec:java
 * -Dexec.mainClass=dev.ghostmesh.examples.GameLoopExample -Dexec.args="--players 4"}
 * (see README.md).
 *
 * <p>The point is the threading. Every node runs on one {@code LoopGroup.hostDriven} group and
 * the game loop polls it at the start of each tick: the nodes' work, timers, listener callbacks
 * and future completions all run there, on the game thread, and the library starts no thread
 * of its own. So game state needs no locks, and the report counts every event by the thread it
 * ran on, and the library threads started during the match (none).
 *
 * <p>Threading: everything here runs on the thread that calls {@link #run}, which becomes the
 * game loop.
 */
public final class GameLoopExample {
    private static final Set<String> OPTIONS = Set.of("--players", "--ticks", "--tick-rate");

    private GameLoopExample() {}

    /**
     * {@code --players N} (2-8, default 4), {@code --ticks N} (ticks of play after the lobby
     * fills, default 100), {@code --tick-rate N} (ticks per second, default 20).
     */
    public static void main(String[] args) {
        Settings settings;
        try {
            ExampleArgs options = ExampleArgs.parse(args, OPTIONS, Set.of());
            int players = options.integer("--players", 4, 2, Match.NAMES.size());
            long minTicks = Match.lastScriptedTick(players) + 20;
            settings = new Settings(players,
                    options.integer("--ticks", 100, (int) minTicks, 1_000_000),
                    options.integer("--tick-rate", 20, 1, 1000));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (run(settings, System.out).eventsElsewhere() != 0) {
            System.exit(1);
        }
    }

    /**
     * What to play.
     *
     * @param players players, alternately red and blue
     * @param ticks ticks of play once the lobby is full; the match then ends
     * @param ticksPerSecond the loop's rate
     */
    record Settings(int players, int ticks, int ticksPerSecond) {}

    /** Plays one match on this thread, prints what each player saw on {@code out}. */
    static Match.Report run(Settings settings, PrintStream out) {
        out.printf("%d players, %d ticks of play at %d ticks/s%n", settings.players(),
                settings.ticks(), settings.ticksPerSecond());
        Match.Report report;
        Set<Long> threadsBefore = LibraryThreads.ids();
        try (LocalNetwork network = LocalNetwork.create();
                LoopGroup mesh = LoopGroup.hostDriven(MeshClock.system())) {
            GameLoop loop = new GameLoop(settings.ticksPerSecond(), mesh);
            Match match = new Match(settings.players(), settings.ticks(),
                    settings.ticksPerSecond(), loop, network, out);
            try {
                loop.run(match::tick);
            } finally {
                match.close();
            }
            report = match.report(LibraryThreads.startedSince(threadsBefore));
        }
        for (Map.Entry<String, List<String>> chat : report.chats().entrySet()) {
            out.printf("%s saw %d lines:%n", chat.getKey(), chat.getValue().size());
            chat.getValue().forEach(line -> out.println("  " + line));
        }
        out.printf("positions: %d-byte updates on %s, the newest per player, dropped after %d"
                + " ms%n", PositionUpdate.SIZE, PositionUpdate.TOPIC,
                PositionUpdate.LIFETIME.toMillis());
        report.positions().forEach((player, heard) -> out.printf("  %s got %d, last: %s%n",
                player, heard.values().stream().mapToInt(List::size).sum(), lastSeen(heard)));
        out.printf("%d events handled on the game thread '%s', %d on other threads%s%n",
                report.eventsOnGameThread(), report.gameThread(), report.eventsElsewhere(),
                report.strayThreads().isEmpty() ? "" : " " + report.strayThreads());
        out.printf("library threads started during the match: %s%n",
                report.libraryThreads().isEmpty() ? "none" : report.libraryThreads());
        return report;
    }

    /** {@code ben (21.3, -4.0) at tick 98, cleo ...}: each sender's last update. */
    private static String lastSeen(Map<String, List<Player.Heard>> heard) {
        return heard.entrySet().stream().map(e -> {
            PositionUpdate last = e.getValue().get(e.getValue().size() - 1).update();
            return String.format(Locale.ROOT, "%s (%.1f, %.1f) at tick %d", e.getKey(),
                    last.x(), last.y(), last.tick());
        }).collect(Collectors.joining(", "));
    }
}
