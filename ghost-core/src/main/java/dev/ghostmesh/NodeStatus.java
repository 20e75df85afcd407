package dev.ghostmesh;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a node's state and counters. Immutable and thread-safe. A class rather than a
 * record so that it can gain figures without breaking code that reads it: every figure is an
 * accessor, and a snapshot is made with {@link #builder()} (by the node, or by a test of code
 * that reads one), where a new figure is one more setter with a default of zero.
 */
public final class NodeStatus {
    private final NodeId id;
    private final String username;
    private final String codename;
    private final List<PeerAddress> listening;
    private final int peers;
    private final int knownNodes;
    private final Duration uptime;
    private final long messagesSent;
    private final long messagesDelivered;
    private final long packetsRelayed;
    private final long duplicatesDropped;
    private final long invalidDropped;
    private final long replayedDropped;
    private final long staleDropped;
    private final long sendDropped;
    private final long inboundDropped;
    private final long rateLimited;
    private final long linksRefused;
    private final long verifiedOffThread;
    private final String signatureProvider;
    private final long signaturesVerified;
    private final long signaturesSkipped;
    private final long listenerErrors;
    private final long internalErrors;

    private NodeStatus(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.username = Objects.requireNonNull(b.username, "username");
        this.codename = Objects.requireNonNull(b.codename, "codename");
        this.listening = List.copyOf(b.listening);
        this.peers = b.peers;
        this.knownNodes = b.knownNodes;
        this.uptime = Objects.requireNonNull(b.uptime, "uptime");
        this.messagesSent = b.messagesSent;
        this.messagesDelivered = b.messagesDelivered;
        this.packetsRelayed = b.packetsRelayed;
        this.duplicatesDropped = b.duplicatesDropped;
        this.invalidDropped = b.invalidDropped;
        this.replayedDropped = b.replayedDropped;
        this.staleDropped = b.staleDropped;
        this.sendDropped = b.sendDropped;
        this.inboundDropped = b.inboundDropped;
        this.rateLimited = b.rateLimited;
        this.linksRefused = b.linksRefused;
        this.verifiedOffThread = b.verifiedOffThread;
        this.signatureProvider = Objects.requireNonNull(b.signatureProvider, "signatureProvider");
        this.signaturesVerified = b.signaturesVerified;
        this.signaturesSkipped = b.signaturesSkipped;
        this.listenerErrors = b.listenerErrors;
        this.internalErrors = b.internalErrors;
    }

    /** A builder with every count zero; id, names, uptime and provider must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** This node's id. */
    public NodeId id() {
        return id;
    }

    /** This node's username. */
    public String username() {
        return username;
    }

    /** This node's codename. */
    public String codename() {
        return codename;
    }

    /** Addresses the transports listen on. */
    public List<PeerAddress> listening() {
        return listening;
    }

    /** Number of direct authenticated links. */
    public int peers() {
        return peers;
    }

    /** Number of other nodes known from announces. */
    public int knownNodes() {
        return knownNodes;
    }

    /** Time since {@code start()}. */
    public Duration uptime() {
        return uptime;
    }

    /** Chat messages this node originated. */
    public long messagesSent() {
        return messagesSent;
    }

    /** Chat messages delivered to this node's listeners. */
    public long messagesDelivered() {
        return messagesDelivered;
    }

    /** Packets forwarded for others (one per packet, not per link). */
    public long packetsRelayed() {
        return packetsRelayed;
    }

    /** Packets dropped because they were already seen. */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Frames dropped as malformed, badly signed or otherwise invalid. */
    public long invalidDropped() {
        return invalidDropped;
    }

    /**
     * Signed messages dropped as replays: their origin's sequence number was seen before, after
     * the seen cache had forgotten their id.
     */
    public long replayedDropped() {
        return replayedDropped;
    }

    /**
     * Signed packets dropped because their timestamp was too far from this node's clock: ahead of
     * it by more than the allowed skew, or (messages) behind it.
     */
    public long staleDropped() {
        return staleDropped;
    }

    /** Frames a link refused because its outbound queue was full or it closed. */
    public long sendDropped() {
        return sendDropped;
    }

    /**
     * Frames dropped on arrival because the node thread was too far behind (each closes its link:
     * see {@code MeshNode.Builder.maxPendingFrames}).
     */
    public long inboundDropped() {
        return inboundDropped;
    }

    /**
     * Frames or packets dropped for being over a link's or an origin's rate limit (see {@code
     * MeshNode.Builder.linkRateLimit} and {@code originRateLimit}).
     */
    public long rateLimited() {
        return rateLimited;
    }

    /**
     * Inbound links refused by a cap on links or handshakes in progress, links refused because
     * their node is serving a ban for flooding, and links whose peer uses the other {@link
     * SecurityProfile}.
     */
    public long linksRefused() {
        return linksRefused;
    }

    /**
     * Signatures checked on the shared verifier pool instead of the node thread, because frames
     * were waiting (see {@code MeshNode.Builder.parallelVerification}).
     */
    public long verifiedOffThread() {
        return verifiedOffThread;
    }

    /**
     * The Ed25519 implementation this node signs and verifies with, for people: {@code "libsodium
     * 1.0.18"} or {@code "BouncyCastle"} (see {@link SignatureProvider}); the same in the open
     * profile, which signs nothing.
     */
    public String signatureProvider() {
        return signatureProvider;
    }

    /** Packet signatures this node checked (secure profile; handshake signatures not included). */
    public long signaturesVerified() {
        return signaturesVerified;
    }

    /**
     * Packets accepted without checking their signature because their origin is the peer of the
     * Noise link they arrived on, which the handshake authenticated (see PROTOCOL.md, "Where
     * signatures are verified"); never in the open profile.
     */
    public long signaturesSkipped() {
        return signaturesSkipped;
    }

    /** Exceptions thrown by listeners (each logged and isolated). */
    public long listenerErrors() {
        return listenerErrors;
    }

    /** Failures inside the node's own tasks (bugs: logged, and the node goes on). */
    public long internalErrors() {
        return internalErrors;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NodeStatus s)) {
            return false;
        }
        return id.equals(s.id) && username.equals(s.username) && codename.equals(s.codename) &&
                listening.equals(s.listening) && peers == s.peers && knownNodes == s.knownNodes &&
                uptime.equals(s.uptime) && messagesSent == s.messagesSent &&
                messagesDelivered == s.messagesDelivered && packetsRelayed == s.packetsRelayed &&
                duplicatesDropped == s.duplicatesDropped && invalidDropped == s.invalidDropped &&
                replayedDropped == s.replayedDropped && staleDropped == s.staleDropped &&
                sendDropped == s.sendDropped && inboundDropped == s.inboundDropped &&
                rateLimited == s.rateLimited && linksRefused == s.linksRefused &&
                verifiedOffThread == s.verifiedOffThread &&
                signatureProvider.equals(s.signatureProvider) &&
                signaturesVerified == s.signaturesVerified &&
                signaturesSkipped == s.signaturesSkipped && listenerErrors == s.listenerErrors &&
                internalErrors == s.internalErrors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, username, uptime, messagesSent, messagesDelivered, packetsRelayed,
                internalErrors);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("NodeStatus[");
        b.append("id=").append(id);
        b.append(", username=").append(username);
        b.append(", codename=").append(codename);
        b.append(", listening=").append(listening);
        b.append(", peers=").append(peers);
        b.append(", knownNodes=").append(knownNodes);
        b.append(", uptime=").append(uptime);
        b.append(", messagesSent=").append(messagesSent);
        b.append(", messagesDelivered=").append(messagesDelivered);
        b.append(", packetsRelayed=").append(packetsRelayed);
        b.append(", duplicatesDropped=").append(duplicatesDropped);
        b.append(", invalidDropped=").append(invalidDropped);
        b.append(", replayedDropped=").append(replayedDropped);
        b.append(", staleDropped=").append(staleDropped);
        b.append(", sendDropped=").append(sendDropped);
        b.append(", inboundDropped=").append(inboundDropped);
        b.append(", rateLimited=").append(rateLimited);
        b.append(", linksRefused=").append(linksRefused);
        b.append(", verifiedOffThread=").append(verifiedOffThread);
        b.append(", signatureProvider=").append(signatureProvider);
        b.append(", signaturesVerified=").append(signaturesVerified);
        b.append(", signaturesSkipped=").append(signaturesSkipped);
        b.append(", listenerErrors=").append(listenerErrors);
        b.append(", internalErrors=").append(internalErrors);
        return b.append(']').toString();
    }

    /**
     * Assembles a {@link NodeStatus}. Not thread-safe: one thread builds a snapshot.
     */
    public static final class Builder {
        private NodeId id;
        private String username;
        private String codename;
        private List<PeerAddress> listening = List.of();
        private int peers;
        private int knownNodes;
        private Duration uptime;
        private long messagesSent;
        private long messagesDelivered;
        private long packetsRelayed;
        private long duplicatesDropped;
        private long invalidDropped;
        private long replayedDropped;
        private long staleDropped;
        private long sendDropped;
        private long inboundDropped;
        private long rateLimited;
        private long linksRefused;
        private long verifiedOffThread;
        private String signatureProvider;
        private long signaturesVerified;
        private long signaturesSkipped;
        private long listenerErrors;
        private long internalErrors;

        private Builder() {
        }

        /** Sets {@link NodeStatus#id()}. */
        public Builder id(NodeId id) {
            this.id = id;
            return this;
        }

        /** Sets {@link NodeStatus#username()}. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** Sets {@link NodeStatus#codename()}. */
        public Builder codename(String codename) {
            this.codename = codename;
            return this;
        }

        /** Sets {@link NodeStatus#listening()}. */
        public Builder listening(List<PeerAddress> listening) {
            this.listening = listening;
            return this;
        }

        /** Sets {@link NodeStatus#peers()}. */
        public Builder peers(int peers) {
            this.peers = peers;
            return this;
        }

        /** Sets {@link NodeStatus#knownNodes()}. */
        public Builder knownNodes(int knownNodes) {
            this.knownNodes = knownNodes;
            return this;
        }

        /** Sets {@link NodeStatus#uptime()}. */
        public Builder uptime(Duration uptime) {
            this.uptime = uptime;
            return this;
        }

        /** Sets {@link NodeStatus#messagesSent()}. */
        public Builder messagesSent(long messagesSent) {
            this.messagesSent = messagesSent;
            return this;
        }

        /** Sets {@link NodeStatus#messagesDelivered()}. */
        public Builder messagesDelivered(long messagesDelivered) {
            this.messagesDelivered = messagesDelivered;
            return this;
        }

        /** Sets {@link NodeStatus#packetsRelayed()}. */
        public Builder packetsRelayed(long packetsRelayed) {
            this.packetsRelayed = packetsRelayed;
            return this;
        }

        /** Sets {@link NodeStatus#duplicatesDropped()}. */
        public Builder duplicatesDropped(long duplicatesDropped) {
            this.duplicatesDropped = duplicatesDropped;
            return this;
        }

        /** Sets {@link NodeStatus#invalidDropped()}. */
        public Builder invalidDropped(long invalidDropped) {
            this.invalidDropped = invalidDropped;
            return this;
        }

        /** Sets {@link NodeStatus#replayedDropped()}. */
        public Builder replayedDropped(long replayedDropped) {
            this.replayedDropped = replayedDropped;
            return this;
        }

        /** Sets {@link NodeStatus#staleDropped()}. */
        public Builder staleDropped(long staleDropped) {
            this.staleDropped = staleDropped;
            return this;
        }

        /** Sets {@link NodeStatus#sendDropped()}. */
        public Builder sendDropped(long sendDropped) {
            this.sendDropped = sendDropped;
            return this;
        }

        /** Sets {@link NodeStatus#inboundDropped()}. */
        public Builder inboundDropped(long inboundDropped) {
            this.inboundDropped = inboundDropped;
            return this;
        }

        /** Sets {@link NodeStatus#rateLimited()}. */
        public Builder rateLimited(long rateLimited) {
            this.rateLimited = rateLimited;
            return this;
        }

        /** Sets {@link NodeStatus#linksRefused()}. */
        public Builder linksRefused(long linksRefused) {
            this.linksRefused = linksRefused;
            return this;
        }

        /** Sets {@link NodeStatus#verifiedOffThread()}. */
        public Builder verifiedOffThread(long verifiedOffThread) {
            this.verifiedOffThread = verifiedOffThread;
            return this;
        }

        /** Sets {@link NodeStatus#signatureProvider()}. */
        public Builder signatureProvider(String signatureProvider) {
            this.signatureProvider = signatureProvider;
            return this;
        }

        /** Sets {@link NodeStatus#signaturesVerified()}. */
        public Builder signaturesVerified(long signaturesVerified) {
            this.signaturesVerified = signaturesVerified;
            return this;
        }

        /** Sets {@link NodeStatus#signaturesSkipped()}. */
        public Builder signaturesSkipped(long signaturesSkipped) {
            this.signaturesSkipped = signaturesSkipped;
            return this;
        }

        /** Sets {@link NodeStatus#listenerErrors()}. */
        public Builder listenerErrors(long listenerErrors) {
            this.listenerErrors = listenerErrors;
            return this;
        }

        /** Sets {@link NodeStatus#internalErrors()}. */
        public Builder internalErrors(long internalErrors) {
            this.internalErrors = internalErrors;
            return this;
        }

        /** The snapshot; fails if the id, a name, the uptime or the provider is missing. */
        public NodeStatus build() {
            return new NodeStatus(this);
        }
    }
}
