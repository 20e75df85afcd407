package dev.ghostmesh.internal.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's counters. Written by the node thread (and, for overflow, by transport threads), read
 * by {@code status()} from any thread; atomics keep both sides simple.
 */
public final class Counters {
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong relayed = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicLong invalid = new AtomicLong();
    public final AtomicLong replayed = new AtomicLong();
    public final AtomicLong stale = new AtomicLong();
    public final AtomicLong sendDropped = new AtomicLong();
    public final AtomicLong inboundDropped = new AtomicLong();
    public final AtomicLong internalErrors = new AtomicLong();
    /** Frames or packets dropped for being over a link's or an origin's rate limit. */
    public final AtomicLong rateLimited = new AtomicLong();
    /** Inbound links refused by a cap or a ban; links to a node of the other profile. */
    public final AtomicLong linksRefused = new AtomicLong();
    /** Signature checks handed to the verifier pool because the node was busy. */
    public final AtomicLong verifiedOffThread = new AtomicLong();
    /** Packet signatures checked (secure profile), on the node thread or the pool. */
    public final AtomicLong signaturesVerified = new AtomicLong();
    /** Packets from the authenticated peer of their link, accepted without a check. */
    public final AtomicLong signaturesSkipped = new AtomicLong();
}
