package dev.ghostmesh.internal.runtime;

import java.time.Duration;

/**
 * Caps and rate limits that keep one peer from taking a node down. Every value is a
 * {@code MeshNode.Builder} setting; the defaults fit a chat mesh of up to a few hundred nodes
 * and are explained in PROTOCOL.md ("Limits").
 *
 * @param maxLinks authenticated links (inbound beyond it are refused)
 * @param maxPendingHandshakes links still handshaking, in all
 * @param maxPendingHandshakesPerHost inbound links still handshaking from one remote host
 * @param linkFrameRate frames per second one link may deliver, sustained
 * @param linkFrameBurst frames one link may deliver at once (covers the link-up sync)
 * @param originPacketRate new packets per second accepted from one origin
 * @param originPacketBurst packets one origin may send at once
 * @param strikes over-limit episodes before a link is dropped and its node banned
 * @param ban how long a node dropped for flooding is refused
 */
public record AbuseLimits(int maxLinks, int maxPendingHandshakes, int maxPendingHandshakesPerHost,
        double linkFrameRate, int linkFrameBurst, double originPacketRate,
        int originPacketBurst, int strikes, Duration ban) {
    /** The defaults; see each constant's reason in PROTOCOL.md. */
    public static final AbuseLimits DEFAULTS = new AbuseLimits(128, 64, 8, 2_000, 10_000, 500,
            1_000, 3, Duration.ofSeconds(60));

    public AbuseLimits {
        NodeConfig.checkRange("maxLinks", maxLinks, 1, 65_536);
        NodeConfig.checkRange("maxPendingHandshakes", maxPendingHandshakes, 1, 65_536);
        NodeConfig.checkRange("maxPendingHandshakesPerHost", maxPendingHandshakesPerHost, 1,
                maxPendingHandshakes);
        checkRate("link frame rate", linkFrameRate);
        NodeConfig.checkRange("linkFrameBurst", linkFrameBurst, 1, 10_000_000);
        checkRate("origin packet rate", originPacketRate);
        NodeConfig.checkRange("originPacketBurst", originPacketBurst, 1, 10_000_000);
        NodeConfig.checkRange("strikes", strikes, 1, 1_000);
        NodeConfig.checkPositive("ban", ban);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate > 0) || rate > 1e9) {
            throw new IllegalArgumentException(name + " must be positive, was " + rate);
        }
    }

    public AbuseLimits withLinks(int links, int pending, int pendingPerHost) {
        return new AbuseLimits(links, pending, pendingPerHost, linkFrameRate, linkFrameBurst,
                originPacketRate, originPacketBurst, strikes, ban);
    }

    public AbuseLimits withLinkRate(double rate, int burst) {
        return new AbuseLimits(maxLinks, maxPendingHandshakes, maxPendingHandshakesPerHost, rate,
                burst, originPacketRate, originPacketBurst, strikes, ban);
    }

    public AbuseLimits withOriginRate(double rate, int burst) {
        return new AbuseLimits(maxLinks, maxPendingHandshakes, maxPendingHandshakesPerHost,
                linkFrameRate, linkFrameBurst, rate, burst, strikes, ban);
    }

    public AbuseLimits withPenalty(int strikes, Duration ban) {
        return new AbuseLimits(maxLinks, maxPendingHandshakes, maxPendingHandshakesPerHost,
                linkFrameRate, linkFrameBurst, originPacketRate, originPacketBurst, strikes, ban);
    }
}
