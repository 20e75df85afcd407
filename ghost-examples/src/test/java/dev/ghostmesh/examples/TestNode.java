package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A mesh node on TCP loopback (ephemeral port, no discovery, no automatic dialing) that records
 * its events, for talking to an example run as a process. The {@code await} methods wait for a
 * recorded event against a deadline.
 *
 * <p>Threading: callbacks record on the node's listener thread under this object's monitor and
 * notify; the test thread awaits.
 */
final class TestNode implements MeshListener, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    final MeshNode node;
    private final List<Message> messages = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<NodeId> discovered = new ArrayList<>();
    private final List<String> groupsCreated = new ArrayList<>();
    private final List<String> left = new ArrayList<>();

    TestNode(String name) {
        node = MeshNode.builder().username(name).autoConnect(false)
                .transport(TcpTransport.builder().bindAddress("127.0.0.1").port(0).build())
                .build();
        node.addListener(this);
        node.start();
    }

    @Override
    public synchronized void onMessage(Message message) {
        messages.add(message);
        notifyAll();
    }

    @Override
    public synchronized void onNodeDiscovered(NodeInfo other) {
        discovered.add(other.id());
        notifyAll();
    }

    @Override
    public synchronized void onNodeLeft(NodeInfo other, String reason) {
        left.add(other.id().hex() + " " + reason);
        notifyAll();
    }

    @Override
    public synchronized void onGroupCreated(GroupInfo group) {
        groupsCreated.add(group.name().key());
        notifyAll();
    }

    /** Records what arrives on {@code topic} from now on; see {@link #awaitDeliveries}. */
    void subscribe(String topic) {
        node.subscribe(topic, d -> {
            synchronized (this) {
                deliveries.add(d);
                notifyAll();
            }
        });
    }

    /** The first {@code count} deliveries on {@code topic}, in arrival order. */
    synchronized List<Delivery> awaitDeliveries(String topic, int count) {
        awaitTrue(count + " deliveries on " + topic, () -> deliveries.stream()
                .filter(d -> d.topic().equals(topic)).count() >= count);
        return deliveries.stream().filter(d -> d.topic().equals(topic)).limit(count).toList();
    }

    /** How many messages have arrived; pass it to {@link #awaitMessages} to skip them. */
    synchronized int mark() {
        return messages.size();
    }

    /**
     * The first {@code count} messages that satisfy {@code p}, in arrival order, among those
     * that arrived after the first {@code from}.
     */
    synchronized List<Message> awaitMessages(int from, String what, Predicate<Message> p,
            int count) {
        awaitTrue(what, () -> messages.stream().skip(from).filter(p).count() >= count);
        return messages.stream().skip(from).filter(p).limit(count).toList();
    }

    synchronized void awaitDiscovered(NodeId id) {
        awaitTrue("node " + id.shortHex() + " discovered", () -> discovered.contains(id));
    }

    synchronized void awaitGroupCreated(String key) {
        awaitTrue("group " + key + " heard of", () -> groupsCreated.contains(key));
    }

    /** Waits until {@code id} leaves the directory for {@code reason}. */
    synchronized void awaitLeft(NodeId id, String reason) {
        awaitTrue(id.shortHex() + " left (" + reason + ")",
                () -> left.contains(id.hex() + " " + reason));
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                fail(node.username() + ": no " + what + " within " + TIMEOUT + "; messages "
                        + messages.stream().map(Message::text).toList() + ", left " + left);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
