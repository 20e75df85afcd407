package dev.ghostmesh.examples;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The operator's side of the {@link IotGateway}'s commands: each is a
 * {@link MeshNode#request request} to the gateway's node on a {@code gateway/...} topic
 * ({@link GatewayCommands}), routed and sealed for it alone, and the reply is the answer. A
 * future fails with a {@link dev.ghostmesh.NoHandlerException} if the gateway has no handler
 * for the topic (an older gateway, or not a gateway), a {@link dev.ghostmesh.MeshException}
 * carrying the gateway's reason if it refused (a bad interval, a sender who is not its
 * operator), or a {@link java.util.concurrent.TimeoutException} if no answer came in time.
 *
 * <p>Threading: thread-safe, as {@link MeshNode} is; the futures complete on the node's
 * callback executor.
 */
final class IotClient {
    private final MeshNode node;
    private final NodeId gateway;
    private final Duration timeout;

    /** A client of {@code gateway} that waits {@code timeout} for each answer. */
    IotClient(MeshNode node, NodeId gateway, Duration timeout) {
        this.node = node;
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** {@code up 16 s, 9 readings every 2 s, 1 subscriber, 1 peer}. */
    CompletableFuture<String> status() {
        return text(GatewayCommands.STATUS, new byte[0]);
    }

    /** Makes the gateway take a reading every {@code interval}; {@code interval set to 5 s}. */
    CompletableFuture<String> setInterval(Duration interval) {
        int millis = (int) Math.min(Integer.MAX_VALUE, interval.toMillis());
        return text(GatewayCommands.SET_INTERVAL,
                ByteBuffer.allocate(Integer.BYTES).putInt(millis).array());
    }

    /** Makes the gateway say goodbye and exit; {@code stopping}. */
    CompletableFuture<String> stop() {
        return text(GatewayCommands.STOP, new byte[0]);
    }

    /**
     * The gateway's next temperature reading, once it takes it: the gateway answers later,
     * so this waits up to {@code within} rather than the client's usual timeout.
     */
    CompletableFuture<SensorReading> nextReading(Duration within) {
        return request(GatewayCommands.NEXT_READING, new byte[0], within)
                .thenApply(reply -> SensorReading.decode(reply.payload()));
    }

    /** Any request to the gateway: the reply, or one of the three failures above. */
    CompletableFuture<Delivery> request(String topic, byte[] payload, Duration within) {
        return node.request(gateway, topic, payload, within);
    }

    private CompletableFuture<String> text(String topic, byte[] payload) {
        return request(topic, payload, timeout).thenApply(reply ->
                IotGateway.printable(new String(reply.payloadBytes(), StandardCharsets.UTF_8)));
    }
}
