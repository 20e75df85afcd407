package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import dev.ghostmesh.testing.Await;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * publish, subscribe, unsubscribe and send in both renderings, in an in-process mesh: alice
 * types chat commands, bob is a JSON session, linked directly on a {@link LocalNetwork}.
 */
class TopicCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LocalNetwork net = LocalNetwork.create();
    private final List<String> screen = new ArrayList<>();
    private final ByteArrayOutputStream json = new ByteArrayOutputStream();
    private MeshNode alice;
    private MeshNode bob;
    private CommandHandler chat;
    private JsonCommands bot;

    @BeforeEach
    void startMesh() throws Exception {
        alice = MeshNode.builder().username("alice").transport(net.transport("alice")).build();
        bob = MeshNode.builder().username("bob").transport(net.transport("bob")).build();
        ChatView view = new ChatView(alice, new ListConsole(screen));
        chat = new CommandHandler(alice, view);
        JsonOutput out = new JsonOutput(json, Clock.systemUTC());
        JsonEvents events = new JsonEvents(bob, out);
        bob.addListener(events);
        bot = new JsonCommands(bob, out, events, new JsonViews(bob, null));
        alice.start();
        bob.start();
        events.ready(0, "off", "memory", null);
        bob.connect(PeerAddress.local("alice")).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> !alice.nodes().isEmpty() && !bob.nodes().isEmpty(),
                "alice and bob to learn of each other");
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        net.close();
    }

    private List<String> type(String line) {
        synchronized (screen) {
            screen.clear();
            assertTrue(chat.handle(line));
            return List.copyOf(screen);
        }
    }

    private String awaitLine(Predicate<String> p, String what) {
        return ScreenWait.line(screen, p, what, WAIT);
    }

    private synchronized List<Map<String, Object>> objects() {
        synchronized (json) {
            return json.toString(StandardCharsets.UTF_8).lines().map(JsonClient::parse).toList();
        }
    }

    /** Sends one JSON line and returns its reply (the last ok/error object). */
    private Map<String, Object> send(String line) {
        bot.handle(new BoundedLineReader.Line(line.getBytes(StandardCharsets.UTF_8), false));
        List<Map<String, Object>> replies = objects().stream()
                .filter(o -> o.get("type").equals("ok") || o.get("type").equals("error"))
                .toList();
        return replies.get(replies.size() - 1);
    }

    private Map<String, Object> awaitObject(Predicate<Map<String, Object>> p, String what) {
        Await.until(WAIT, () -> objects().stream().anyMatch(p),
                () -> what + " in " + objects());
        return objects().stream().filter(p).findFirst().orElseThrow();
    }

    /** Waits until {@code node}'s announce of {@code topic} reached the other node. */
    private static void awaitSubscriber(MeshNode at, MeshNode subscriber, String topic) {
        Await.until(WAIT, () -> at.subscribers(topic).stream()
                .anyMatch(n -> n.id().equals(subscriber.id())),
                subscriber + " to show as a subscriber of " + topic);
    }

    @Test
    void aChatPublishReachesAJsonSubscriberAsADeliveryEvent() throws Exception {
        Map<String, Object> ok = send("{\"cmd\":\"subscribe\",\"topic\":\"sensors/t\",\"id\":1}");
        assertEquals("ok", ok.get("type"), ok::toString);
        assertEquals("sensors/t", ok.get("topic"));
        assertEquals(false, ok.get("already"));
        assertEquals(true, send("{\"cmd\":\"subscribe\",\"topic\":\"sensors/t\"}").get("already"));
        assertEquals(List.of("[topic sensors/t] <alice> 21.5 \\u001b"),
                type("/publish sensors/t 21.5 \u001b"));
        Map<String, Object> d = awaitObject(o -> o.get("type").equals("delivery"), "a delivery");
        assertEquals("sensors/t", d.get("topic"));
        assertEquals("21.5 \u001b", d.get("text"));
        assertEquals(alice.id().hex(), d.get("from"));
        assertEquals("alice", d.get("fromName"));
        assertEquals(false, d.get("direct"));
        assertEquals(1L, d.get("hops"));

        assertEquals("unsubscribe", send("{\"cmd\":\"unsubscribe\",\"topic\":\"sensors/t\"}")
                .get("cmd"));
        assertEquals("not_subscribed", send("{\"cmd\":\"unsubscribe\",\"topic\":\"sensors/t\"}")
                .get("code"));
    }

    @Test
    void aJsonPublishOfTextOrBytesShowsOnTheChatOfASubscriber() throws Exception {
        assertEquals(List.of("* subscribed to topic sensors/t"), type("/subscribe sensors/t"));
        assertEquals(List.of("* already subscribed to topic sensors/t"),
                type("/SUBSCRIBE sensors/t"));
        awaitSubscriber(bob, alice, "sensors/t");
        Map<String, Object> ok = send("{\"cmd\":\"publish\",\"topic\":\"sensors/t\","
                + "\"text\":\"hi \\u202e there\"}");
        assertEquals("ok", ok.get("type"), ok::toString);
        assertTrue(((String) ok.get("messageId")).matches("[0-9a-f]{32}"), ok::toString);
        awaitLine(l -> l.equals("[topic sensors/t] <bob> hi \\u202e there"), "the text");
        // 0xff is not UTF-8: shown as its size.
        assertEquals("ok", send("{\"cmd\":\"publish\",\"topic\":\"sensors/t\","
                + "\"data\":\"AP8B\"}").get("type"));
        awaitLine(l -> l.equals("[topic sensors/t] <bob> 3 bytes"), "the byte count");
        assertEquals("invalid_field", send("{\"cmd\":\"publish\",\"topic\":\"sensors/t\","
                + "\"data\":\"not base64!\"}").get("code"));
        assertEquals("invalid_field", send("{\"cmd\":\"publish\",\"topic\":\"x\"}").get("code"));
        assertEquals("rejected", send("{\"cmd\":\"publish\",\"topic\":\"ghost/x\","
                + "\"text\":\"a\"}").get("code"));
        assertEquals(List.of("* unsubscribed from topic sensors/t"),
                type("/unsubscribe sensors/t"));
        assertEquals(List.of("error: not subscribed to topic sensors/t (/subscribe sensors/t"
                + " first)"), type("/unsubscribe sensors/t"));
    }

    @Test
    void aChatSendIsConfirmedWhenItsTargetSubscribes() throws Exception {
        send("{\"cmd\":\"subscribe\",\"topic\":\"jobs/build\"}");
        assertEquals(List.of(), type("/send bob jobs/build start now"));
        awaitLine(l -> l.equals("* sent to bob on topic jobs/build: start now"),
                "the confirmation");
        Map<String, Object> d = awaitObject(o -> o.get("type").equals("delivery"), "a delivery");
        assertEquals(true, d.get("direct"));
        assertEquals("start now", d.get("text"));

        type("/send bob other/topic hello");
        awaitLine(l -> l.equals("error: bob has no subscription to other/topic"),
                "the refusal");
        assertEquals(List.of("error: cannot send to yourself"), type("/send alice t x"));
        assertEquals(List.of("error: usage: /send <user> <topic> <text>"), type("/send bob t"));
    }

    @Test
    void aJsonSendRepliesWithTheTargetsAnswer() throws Exception {
        type("/subscribe jobs/build");
        awaitSubscriber(bob, alice, "jobs/build");
        Map<String, Object> ok = send("{\"cmd\":\"send\",\"to\":\"alice\",\"topic\":"
                + "\"jobs/build\",\"text\":\"go\",\"id\":7}");
        assertEquals("ok", ok.get("type"), ok::toString);
        assertEquals(alice.id().hex(), ok.get("to"));
        assertEquals("alice", ok.get("toName"));
        assertEquals(7L, ok.get("id"));
        awaitLine(l -> l.equals("[topic jobs/build, direct] <bob> go"), "the direct delivery");
        Map<String, Object> refused = send("{\"cmd\":\"send\",\"to\":\"alice\",\"topic\":"
                + "\"nobody/listens\",\"text\":\"go\"}");
        assertEquals("no_handler", refused.get("code"), refused::toString);
        assertEquals("unknown_user", send("{\"cmd\":\"send\",\"to\":\"carol\",\"topic\":\"t\","
                + "\"text\":\"x\"}").get("code"));
    }
}
