package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PublishOptions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Topics every transport must carry, run against the in-memory and the TCP transport: binary
 * payloads of every size up to the limit reach the subscribers of a chain exactly once, in
 * order, while the nodes between relay them; keyed values arrive newest last.
 *
 * <p>Threading: JUnit runs each test on one thread; the nodes run on their own loops.
 */
public abstract class TopicScenarioTest extends MeshTestBase {
    /** For subclasses, which say what the nodes run on ({@link #transports()}). */
    protected TopicScenarioTest() {}

    private static final String TOPIC = "telemetry/engine";

    @Test
    void binaryPayloadsUpToTheLimitCrossAChainExactlyOnceAndInOrder() throws Exception {
        TestNode[] chain = chain("tsa", "tsb", "tsc", "tsd", "tse");
        List<Delivery> atE = new CopyOnWriteArrayList<>();
        List<Delivery> atC = new CopyOnWriteArrayList<>();
        chain[4].node().subscribe(TOPIC, atE::add);
        chain[2].node().subscribe(TOPIC, atC::add);
        Await.until(WAIT, () -> chain[0].node().subscribers(TOPIC).size() == 2,
                "the subscriptions to be announced");

        long[] deliveredBefore = {chain[1].node().status().messagesDelivered(),
                chain[3].node().status().messagesDelivered()};
        Random random = new Random(42);
        int[] sizes = {0, 1, 100, 1500, 16_385, 64_000};
        byte[][] sent = new byte[sizes.length][];
        MessageId[] ids = new MessageId[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            sent[i] = new byte[sizes[i]];
            random.nextBytes(sent[i]);
            ids[i] = chain[0].node().publish(TOPIC, sent[i])
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        Await.until(WAIT, () -> atE.size() == sizes.length && atC.size() == sizes.length,
                "every payload at both subscribers");
        // b and d relayed every payload before e had it; had they delivered one, it would show.
        assertEquals(deliveredBefore[0], chain[1].node().status().messagesDelivered(),
                "tsb is no subscriber");
        assertEquals(deliveredBefore[1], chain[3].node().status().messagesDelivered(),
                "tsd is no subscriber");
        settle(chain[0], chain[1], chain[2], chain[3], chain[4]);

        for (List<Delivery> got : List.of(atE, atC)) {
            assertEquals(sizes.length, got.size(), "exactly once");
            for (int i = 0; i < sizes.length; i++) {
                assertEquals(ids[i], got.get(i).id(), "in the order published");
                assertArrayEquals(sent[i], got.get(i).payloadBytes(), "payload " + i);
            }
        }
        assertEquals(4, atE.get(0).hops());
        for (int i : new int[] {1, 3}) {
            assertTrue(chain[i].node().status().packetsRelayed() >= sizes.length,
                    chain[i].name() + " relayed them");
        }
    }

    @Test
    void aSubscriberGetsTheNewestKeyedValueLast() throws Exception {
        TestNode[] chain = chain("tka", "tkb", "tkc");
        List<Delivery> got = new CopyOnWriteArrayList<>();
        chain[2].node().subscribe(TOPIC, got::add);
        Await.until(WAIT, () -> chain[0].node().subscribers(TOPIC).size() == 1, "announced");
        PublishOptions rpm = PublishOptions.defaults().latestKey("rpm");
        for (int i = 0; i < 200; i++) {
            chain[0].node().publish(TOPIC, new byte[] {(byte) i}, rpm);
        }
        Await.until(WAIT, () -> !got.isEmpty() && got.get(got.size() - 1).payloadBytes()[0]
                == (byte) 199, "the newest value");
        settle(chain[0], chain[1], chain[2]);
        int previous = -1;
        for (Delivery d : got) {
            int value = d.payloadBytes()[0] & 0xff;
            assertTrue(value > previous, "never an older value after a newer one: " + value
                    + " after " + previous);
            previous = value;
        }
    }

    /**
     * With {@code pruneTopics}, a publish goes only towards its subscriber: in a - b - c - e with
     * a branch b - d, the branch gets nothing. A broadcast sent after it, which always floods,
     * reaches d over the same link b - d in order, so d's frame count then shows whether the topic
     * message went there too. Flooding nodes, the same run counts it at d.
     */
    @Test
    void aPrunedPublishSkipsTheBranchWithoutSubscribersAndAFloodDoesNot() throws Exception {
        assertEquals(1, framesAtBranchForOnePublish(true, "tp"), "pruned: only the broadcast");
        assertEquals(2, framesAtBranchForOnePublish(false, "tf"), "flooded: topic + broadcast");
    }

    private long framesAtBranchForOnePublish(boolean prune, String prefix) throws Exception {
        UnaryOperator<MeshNode.Builder> quiet = b -> b.pruneTopics(prune)
                .announceInterval(Duration.ofMinutes(10))
                .keepalive(Duration.ofMinutes(1), Duration.ofMinutes(2));
        TestNode a = start(prefix + "a", quiet);
        TestNode b = start(prefix + "b", quiet);
        TestNode c = start(prefix + "c", quiet);
        TestNode d = start(prefix + "d", quiet);
        TestNode e = start(prefix + "e", quiet);
        link(b, a);
        link(c, b);
        link(d, b);
        link(e, c);
        awaitFullDirectory(a, b, c, d, e);
        List<Delivery> atE = new CopyOnWriteArrayList<>();
        e.node().subscribe(TOPIC, atE::add);
        for (TestNode n : new TestNode[] {a, b, c, d}) {
            Await.until(WAIT, () -> n.node().subscribers(TOPIC).size() == 1,
                    () -> n.name() + " to learn e's subscription");
        }
        settle(a, b, c, d, e); // every announce copy has arrived at d
        long before = d.transport().framesReceived();
        a.node().publish(TOPIC, new byte[] {7}).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> atE.size() == 1, "e to get the publish");
        settle(a, d);
        assertEquals(1, atE.size(), "exactly once");
        return d.transport().framesReceived() - before;
    }
}
