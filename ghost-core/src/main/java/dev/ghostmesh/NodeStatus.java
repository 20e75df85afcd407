package dev.ghostmesh;

import dev.ghostmesh.spi.PeerAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a node's state and counters. Immutable and thread-safe.
 *
 * @param id this node's id
 * @param username this node's username
 * @param codename this node's codename
 * @param listening addresses the transports listen on
 * @param peers number of direct authenticated links
 * @param knownNodes number of other nodes known from announces
 * @param uptime time since {@code start()}
 * @param messagesSent chat messages this node originated
 * @param messagesDelivered chat messages delivered to this node's listeners
 * @param packetsRelayed packets forwarded for others (one per packet, not per link)
 * @param duplicatesDropped packets dropped because they were already seen
 * @param invalidDropped frames dropped as malformed, badly signed or otherwise invalid
 * @param replayedDropped signed messages dropped as replays: their origin's sequence number was
 *     seen before, after the seen cache had forgotten their id
 * @param staleDropped signed packets dropped because their timestamp was too far from this
 *     node's clock: ahead of it by more than the allowed skew, or (messages) behind it
 * @param sendDropped frames a link refused because its outbound queue was full or it closed
 * @param inboundDropped frames dropped on arrival because the node thread was too far behind
 *     (each closes its link: see {@code MeshNode.Builder.maxPendingFrames})
 * @param rateLimited frames or packets dropped for being over a link's or an origin's rate
 *     limit (see {@code MeshNode.Builder.linkRateLimit} and {@code originRateLimit})
 * @param linksRefused inbound links refused by a cap on links or handshakes in progress,
 *     links refused because their node is serving a ban for flooding, and links whose peer
 *     uses the other {@link SecurityProfile}
 * @param verifiedOffThread signatures checked on the shared verifier pool instead of the node
 *     thread, because frames were waiting (see {@code MeshNode.Builder.parallelVerification})
 * @param signatureProvider the Ed25519 implementation this node signs and verifies with, for
 *     people: {@code "libsodium 1.0.18"} or {@code "BouncyCastle"} (see
 *     {@link SignatureProvider}); the same in the open profile, which signs nothing
 * @param signaturesVerified packet signatures this node checked (secure profile; handshake
 *     signatures not included)
 * @param signaturesSkipped packets accepted without checking their signature because their
 *     origin is the peer of the Noise link they arrived on, which the handshake authenticated
 *     (see PROTOCOL.md, "Where signatures are verified"); never in the open profile
 * @param listenerErrors exceptions thrown by listeners (each logged and isolated)
 * @param internalErrors failures inside the node's own tasks (bugs: logged, and the node goes on)
 */
public record NodeStatus(NodeId id, String username, String codename,
        List<PeerAddress> listening, int peers, int knownNodes, Duration uptime,
        long messagesSent, long messagesDelivered, long packetsRelayed, long duplicatesDropped,
        long invalidDropped, long replayedDropped, long staleDropped, long sendDropped,
        long inboundDropped, long rateLimited, long linksRefused, long verifiedOffThread,
        String signatureProvider, long signaturesVerified, long signaturesSkipped,
        long listenerErrors,
        long internalErrors) {
    /** Copies the address list so the snapshot stays immutable. */
    public NodeStatus {
        listening = List.copyOf(listening);
        Objects.requireNonNull(signatureProvider, "signatureProvider");
    }
}
