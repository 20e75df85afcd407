package dev.ghostmesh.internal.node;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's counters. Written by the node thread (and, for overflow, by transport threads), read
 * by {@code status()} from any thread; atomics keep both sides simple.
 */
final class Counters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong relayed = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong sendDropped = new AtomicLong();
    final AtomicLong inboundDropped = new AtomicLong();
    final AtomicLong internalErrors = new AtomicLong();
    /** Frames or packets dropped for being over a link's or an origin's rate limit. */
    final AtomicLong rateLimited = new AtomicLong();
    /** Inbound links refused by a cap or a ban; links to a node of the other profile. */
    final AtomicLong linksRefused = new AtomicLong();
    /** Signature checks handed to the verifier pool because the node was busy. */
    final AtomicLong verifiedOffThread = new AtomicLong();
    /** Packet signatures checked (secure profile), on the node thread or the pool. */
    final AtomicLong signaturesVerified = new AtomicLong();
    /** Packets from the authenticated peer of their link, accepted without a check. */
    final AtomicLong signaturesSkipped = new AtomicLong();
}
