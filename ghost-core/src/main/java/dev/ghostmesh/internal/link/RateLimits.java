package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.runtime.AbuseLimits;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.TokenBucket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-link and per-origin rate limits, strikes and bans. A link's frames beyond its token
 * bucket are dropped and counted; every time a link overruns by a whole burst it earns a strike,
 * and at the strike limit it is closed and its node refused for the ban time. An origin's
 * packets beyond its bucket are dropped and not relayed, but the link that carried them is not
 * blamed: it may be an honest relay.
 *
 * <p>Threading: confined to the node thread.
 */
public final class RateLimits {
    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final NodeContext node;
    private final LinkManager links;
    private final Map<NodeId, TokenBucket> origins;
    private final Blocklist blocklist;

    public RateLimits(NodeContext node, LinkManager links, Blocklist blocklist) {
        this.node = node;
        this.links = links;
        this.blocklist = blocklist;
        this.origins = lru(node.config().maxKnownNodes());
    }

    /** True if a flooded frame from {@code s} is within its link's budget. */
    boolean admit(LinkSession s) {
        if (s.inboundBudget.tryTake(node.clock().nanoTime())) {
            return true;
        }
        node.counters().rateLimited.incrementAndGet();
        AbuseLimits limits = node.config().limits();
        if (++s.overLimit >= limits.linkFrameBurst()) {
            s.overLimit = 0;
            if (++s.penalties >= limits.strikes() && s.peerId() != null) {
                ban(s, "over its rate limit " + s.penalties + " times");
            }
        }
        return false;
    }

    /**
     * {@code s} sent a frame that does not decode: a frame header other than
     * {@code [1, type]}, or a flooded packet whose envelope is malformed. No conforming peer
     * sends one (a node relays only envelopes it decoded, and a link carries version 1 only:
     * the Noise prologue keeps other versions off it), so the frame is dropped, counted, and a
     * strike against the link, as a whole burst over its rate is: at the strike limit the link
     * is closed and its node refused for the ban time. One bad frame is not fatal, since the
     * frames around it decrypt and decode fine.
     */
    public void strike(LinkSession s, String why) {
        if (s.closing()) {
            return; // already going: frames still queued behind the last strike change nothing
        }
        AbuseLimits limits = node.config().limits();
        s.penalties++;
        node.refusals().info(log, "dropped a malformed frame from {} (strike {} of {}): {}", s,
                s.penalties, limits.strikes(), why);
        if (s.penalties >= limits.strikes() && s.peerId() != null) {
            ban(s, "earned " + s.penalties + " strikes, the last for a malformed frame");
        }
    }

    /**
     * A link sent frames faster than the node could even take them off the transport, until
     * it held more than its share of the inbound queue: flooding by any measure, and its
     * cipher stream lost a frame, so it goes, and its node is banned like one out of strikes.
     */
    void overran(LinkSession s) {
        if (s.authenticated()) {
            ban(s, "its frames overran the inbound queue");
        } else {
            links.close(s, "flooding: its frames overran the inbound queue");
        }
    }

    private void ban(LinkSession s, String why) {
        AbuseLimits limits = node.config().limits();
        blocklist.ban(s.peerId(), limits.ban().toNanos());
        log.warn("dropping {}: {}; refused for {} s", s, why, limits.ban().toSeconds());
        links.disconnect(s.peerId(), "flooding: " + why);
    }

    /** True if one more packet from {@code origin} is within its budget. */
    public boolean admitOrigin(NodeId origin) {
        long now = node.clock().nanoTime();
        TokenBucket b = origins.get(origin);
        if (b == null) {
            AbuseLimits limits = node.config().limits();
            b = new TokenBucket(limits.originPacketRate(), limits.originPacketBurst(), now);
            origins.put(origin, b);
        }
        if (b.tryTake(now)) {
            return true;
        }
        node.counters().rateLimited.incrementAndGet();
        return false;
    }

    private static <K, V> Map<K, V> lru(int bound) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > bound;
            }
        };
    }
}
