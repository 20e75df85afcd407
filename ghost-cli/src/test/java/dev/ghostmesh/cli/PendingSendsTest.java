package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines typed with no peer are held, said to be held, and sent in order when a peer links;
 * what never went out is said per line. On an in-process mesh, as the chat wires it.
 */
class PendingSendsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final LocalNetwork net = LocalNetwork.create();
    private final List<String> aliceScreen = new ArrayList<>();
    private final List<String> bobScreen = new ArrayList<>();
    private MeshNode alice;
    private MeshNode bob;
    private PendingSends pending;
    private CommandHandler commands;

    @BeforeEach
    void start() {
        alice = MeshNode.builder().username("alice").transport(net.transport("alice")).build();
        bob = MeshNode.builder().username("bob").transport(net.transport("bob")).build();
        ChatView view = new ChatView(alice, new ListConsole(aliceScreen));
        alice.addListener(new EventPrinter(alice, view));
        pending = new PendingSends(alice, view);
        alice.addListener(new MeshListener() {
            @Override
            public void onPeerConnected(PeerInfo peer) {
                pending.peerLinked();
            }
        });
        commands = new CommandHandler(alice, view, null, pending);
        bob.addListener(new EventPrinter(bob, new ChatView(bob, new ListConsole(bobScreen))));
        alice.start();
        bob.start();
    }

    @AfterEach
    void stop() {
        assertEquals(0, alice.status().listenerErrors(), "alice's listeners threw");
        assertEquals(0, bob.status().listenerErrors(), "bob's listeners threw");
        alice.close();
        bob.close();
        net.close();
    }

    @Test
    void linesTypedBeforeAnyPeerAreSentInOrderOnceOneLinks() throws Exception {
        commands.handle("first");
        commands.handle("/broadcast second");
        assertEquals(List.of(
                "* no peers: not delivered to anyone yet; queued until a peer links (1 line"
                        + " waiting)",
                "* no peers: not delivered to anyone yet; queued until a peer links (2 lines"
                        + " waiting)"), snapshot(aliceScreen));
        bob.connect(PeerAddress.local("alice")).get(5, TimeUnit.SECONDS);
        await(bobScreen, "<alice> second");
        List<String> got = snapshot(bobScreen).stream().filter(l -> l.startsWith("<")).toList();
        assertEquals(List.of("<alice> first", "<alice> second"), got);
        await(aliceScreen, "<alice> second");
        List<String> a = snapshot(aliceScreen);
        assertTrue(a.contains("* a peer linked: sending 2 queued lines"), a::toString);
        assertTrue(a.indexOf("<alice> first") < a.indexOf("<alice> second"), a::toString);
        // With a peer, lines go out at once again.
        commands.handle("third");
        await(bobScreen, "<alice> third");
    }

    @Test
    void groupLinesAreHeldToo() throws Exception {
        commands.handle("/create lonely");
        commands.handle("/group lonely anyone there?");
        assertTrue(snapshot(aliceScreen).contains("* no peers: not delivered to anyone yet;"
                + " queued until a peer links (1 line waiting)"), aliceScreen::toString);
        bob.connect(PeerAddress.local("alice")).get(5, TimeUnit.SECONDS);
        await(aliceScreen, "[#lonely] <alice> anyone there?");
    }

    @Test
    void aLineTheNodeWouldRefuseIsRefusedAtOnceNotHeld() {
        commands.handle("x".repeat(PendingSends.MAX_TEXT_BYTES + 1));
        assertEquals(List.of("error: message is 16385 bytes of UTF-8; the limit is 16384"),
                snapshot(aliceScreen));
        assertThrows(IllegalArgumentException.class, () -> pending.offer(null, ""));
    }

    @Test
    void theQueueIsBounded() {
        for (int i = 0; i <= PendingSends.MAX_LINES; i++) {
            commands.handle("line " + i);
        }
        List<String> lines = snapshot(aliceScreen);
        assertEquals(PendingSends.MAX_LINES + 1, lines.size());
        assertEquals("error: not sent: 100 lines are already waiting for a peer",
                lines.get(lines.size() - 1));
    }

    @Test
    void atTheEndEveryLineNeverSentIsNamed() {
        commands.handle("one");
        commands.handle("two");
        long t0 = System.nanoTime();
        pending.awaitSent(Duration.ofMillis(300), true);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "no wait");
        List<String> lines = snapshot(aliceScreen);
        assertEquals(List.of("* waiting up to 300 ms for a peer to send 2 queued lines",
                "error: not sent (no peer linked within 300 ms): one",
                "error: not sent (no peer linked within 300 ms): two"),
                lines.subList(2, lines.size()));
    }

    @Test
    void atTheEndNothingIsAwaitedWhenNoPeerCanLink() {
        commands.handle("alone");
        pending.awaitSent(Duration.ofHours(1), false);
        assertEquals("error: not sent (no peer, and none can link (--no-discovery without"
                + " --connect)): alone", snapshot(aliceScreen).get(1));
    }

    @Test
    void theEndWaitsForAPeerAndSendsWhatWasHeld() {
        commands.handle("late but sent");
        new Thread(() -> bob.connect(PeerAddress.local("alice")),
                "connector").start();
        pending.awaitSent(WAIT, true);
        await(bobScreen, "<alice> late but sent");
        assertTrue(snapshot(aliceScreen).stream().noneMatch(l -> l.startsWith("error:")),
                aliceScreen::toString);
    }

    private static List<String> snapshot(List<String> screen) {
        synchronized (screen) {
            return List.copyOf(screen);
        }
    }

    private static void await(List<String> screen, String line) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (screen) {
            while (!screen.contains(line)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no '" + line + "' on " + screen);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(screen, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }
}
