package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.Registration;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenerRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closedRegistrationGetsNoFurtherEvents() throws Exception {
        try (LocalNetwork net = LocalNetwork.create();
                MeshNode a = MeshNode.builder().transport(net.transport("a")).build();
                MeshNode b = MeshNode.builder().transport(net.transport("b")).build()) {
            RecordingListener kept = new RecordingListener();
            RecordingListener removed = new RecordingListener();
            b.addListener(kept);
            Registration registration = b.addListener(removed);
            a.start();
            b.start();
            b.connect(PeerAddress.local("a")).get(5, TimeUnit.SECONDS);
            a.broadcast("before").get(5, TimeUnit.SECONDS);
            Await.until(WAIT, () -> removed.count("before") == 1, "both listeners to get it");

            registration.close();
            registration.close(); // idempotent
            a.broadcast("after").get(5, TimeUnit.SECONDS);
            Await.until(WAIT, () -> kept.count("after") == 1, "the kept listener to get it");
            assertEquals(0, removed.count("after"));
        }
    }

    @Test
    void customListenerExecutorRunsCallbacksWhereTheHostDrivesThem() throws Exception {
        // A game-style host: callbacks queue up and run only when the host pumps its queue.
        ArrayDeque<Runnable> hostQueue = new ArrayDeque<>();
        Executor hostExecutor = task -> {
            synchronized (hostQueue) {
                hostQueue.add(task);
            }
        };
        try (LocalNetwork net = LocalNetwork.create();
                MeshNode a = MeshNode.builder().transport(net.transport("a")).build();
                MeshNode b = MeshNode.builder().transport(net.transport("b"))
                        .listenerExecutor(hostExecutor).build()) {
            RecordingListener events = new RecordingListener();
            b.addListener(events);
            Thread[] deliveredOn = new Thread[1];
            b.addListener(new dev.ghostmesh.MeshListener() {
                @Override
                public void onMessage(dev.ghostmesh.Message message) {
                    deliveredOn[0] = Thread.currentThread();
                }
            });
            a.start();
            b.start();
            // b's futures complete on the host's queue too: it pumps while it waits.
            var connected = b.connect(PeerAddress.local("a"));
            Await.until(WAIT, () -> {
                pump(hostQueue);
                return connected.isDone();
            }, "the connect future to complete on the host");
            connected.get();
            a.broadcast("tick").get(5, TimeUnit.SECONDS);
            // Counted on the node's loop in the task that queues the event for the host.
            Await.until(WAIT, () -> b.status().messagesDelivered() == 1, "b to receive it");
            assertEquals(0, events.count("tick"), "nothing runs until the host pumps");
            while (true) {
                Runnable next;
                synchronized (hostQueue) {
                    next = hostQueue.poll();
                }
                if (next == null) {
                    break;
                }
                next.run();
            }
            assertEquals(1, events.count("tick"));
            assertTrue(events.threadViolations.isEmpty(), events.threadViolations::toString);
            assertEquals(Thread.currentThread(), deliveredOn[0], "callback ran on the host thread");
        }
    }

    /** Runs what the host's queue holds now. */
    private static void pump(ArrayDeque<Runnable> hostQueue) {
        while (true) {
            Runnable next;
            synchronized (hostQueue) {
                next = hostQueue.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
