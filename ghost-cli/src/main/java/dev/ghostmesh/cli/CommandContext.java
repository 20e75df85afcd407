package dev.ghostmesh.cli;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What a command's action works with in one session: the node, how names are compared
 * ({@link Confusables}), how the session labels a node in its messages, where held lines wait
 * (the chat's {@link PendingSends}, or none), the hooks the chat uses to leave out the link
 * event of its own {@code /disconnect}, and the session's topic subscriptions with where their
 * deliveries go (chat lines or JSON events).
 *
 * <p>Threading: used by the input thread; the subscription table is only touched there, and
 * {@code deliveries} is called on the node's callback thread.
 */
final class CommandContext {
    /** The chat's hooks around a disconnect; JSON needs none. */
    interface DisconnectHooks {
        /** {@code id}'s links are about to close because the user asked. */
        void closing(NodeId id);

        /** The close of {@code id} announced by {@link #closing} did not happen. */
        void notClosed(NodeId id);

        DisconnectHooks NONE = new DisconnectHooks() {
            @Override
            public void closing(NodeId id) {}

            @Override
            public void notClosed(NodeId id) {}
        };
    }

    final MeshNode node;
    final Confusables names;
    /** {@code bob}, or {@code bob#1234abcd} when needed: how errors name a node. */
    final BiFunction<NodeId, String, String> label;
    /** Where broadcast and group lines wait while there is no peer; null sends at once. */
    final PendingSends pending;
    final DisconnectHooks hooks;
    /** Where the deliveries of {@link #subscriptions} go. */
    final Consumer<Delivery> deliveries;
    /** This session's subscriptions by topic, in subscription order. */
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    CommandContext(MeshNode node, Confusables names, BiFunction<NodeId, String, String> label,
            PendingSends pending, DisconnectHooks hooks, Consumer<Delivery> deliveries) {
        this.node = node;
        this.names = names;
        this.label = label;
        this.pending = pending;
        this.hooks = hooks;
        this.deliveries = deliveries;
    }

    /** Closes every subscription of this session (the node's close does it too). */
    void closeSubscriptions() {
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
    }
}
