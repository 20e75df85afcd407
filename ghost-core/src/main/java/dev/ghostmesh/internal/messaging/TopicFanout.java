package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.TopicNames;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The links a TOPIC packet goes on. Without pruning, every ready link but the one it came on,
 * as any flooded packet. With pruning ({@code MeshNode.Builder.pruneTopics}), only the next hop
 * towards each node whose latest announce lists the topic, as a direct message travels; and
 * every link again as soon as one such node has no usable route here, so an unknown or broken
 * route costs frames, not the message. Reserved ({@code ghost/}) topics are never pruned: the
 * built-in applications do not announce them.
 *
 * <p>Threading: node thread only.
 */
public final class TopicFanout {
    private final Directory directory;
    private final LinkManager links;
    private final boolean prune;

    public TopicFanout(Directory directory, LinkManager links, boolean prune) {
        this.directory = directory;
        this.links = links;
        this.prune = prune;
    }

    /** True if packets on {@code topic} may skip links: pruning is on, the topic not reserved. */
    public boolean prunes(String topic) {
        return prune && !TopicNames.reserved(topic);
    }

    /**
     * Where a packet on {@code topic} from {@code origin}, received on {@code from} (null for
     * this node's own), goes next.
     */
    public List<LinkSession> targets(String topic, NodeId origin, LinkSession from) {
        List<LinkSession> ready = links.readyLinks();
        if (!prunes(topic)) {
            return except(ready, from);
        }
        Set<LinkSession> out = new LinkedHashSet<>();
        boolean[] unrouted = {false};
        directory.forEachSubscriber(topic, subscriber -> {
            if (subscriber.equals(origin) || unrouted[0]) {
                return;
            }
            if (from != null && !directory.closerThan(subscriber, from.peerId())) {
                return; // no nearer to it here than where the packet came from: not our part
            }
            NodeId hop = directory.nextHop(subscriber);
            LinkSession link = hop == null ? null : links.readyLinkTo(hop);
            if (link == null) {
                unrouted[0] = true;
            } else if (link != from) {
                // A route back where the packet came from: the subscriber is on that side,
                // which had the packet first and sends it on along its own route.
                out.add(link);
            }
        });
        return unrouted[0] ? except(ready, from) : List.copyOf(out);
    }

    private static List<LinkSession> except(List<LinkSession> ready, LinkSession from) {
        if (from == null) {
            return ready;
        }
        List<LinkSession> out = new ArrayList<>(ready.size());
        for (LinkSession s : ready) {
            if (s != from) {
                out.add(s);
            }
        }
        return out;
    }
}
