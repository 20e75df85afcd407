package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.Identity;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The immutable settings of one node, snapshotted by {@code MeshNode.Builder.build()}.
 *
 * @param listenerExecutor null means "the loop group's callback executor"
 * @param loops the loop group the node runs on, whose clock it lives by
 * @param announceTtl the TTL of this node's announces (its other packets use {@code ttl})
 * @param networkId the digest of the network key (all zeros: the open network); see
 *     {@code LinkFrames.networkId}
 * @param groupKdf the Argon2id costs of the protected groups this node creates
 * @param profile whether links are encrypted and packets signed
 * @param parallelVerify whether a busy node checks signatures on the shared verifier pool
 * @param stateDirectory where the node keeps its groups across restarts; null: nowhere
 * @param signatures the Ed25519 implementation the node signs and verifies with
 * @param pruneTopics whether TOPIC packets go only towards nodes that announce the topic
 * @param store where the node keeps its history
 */
public record NodeConfig(Identity identity, String username, List<Transport> transports,
        List<Discovery> discoveries, Executor listenerExecutor, Loops loops, int ttl,
        int announceTtl,
        int seenCacheCapacity, Duration seenCacheMaxAge, int maxKnownNodes, int maxPendingFrames,
        long maxPendingBytes, Duration handshakeTimeout, Duration announceInterval, int maxGroups,
        int maxGroupsPerNode, boolean autoConnect, int targetLinks, Duration keepaliveInterval,
        Duration linkTimeout, Duration reconnectMin, Duration reconnectMax, AbuseLimits limits,
        byte[] networkId, Duration receiptTimeout, Duration maxClockSkew, KdfParams groupKdf,
        SecurityProfile profile, boolean parallelVerify, Path stateDirectory,
        Ed25519Provider signatures, boolean pruneTopics, MessageStore store) {
    /** The clocks of the node's loop group. */
    public MeshClock clock() {
        return loops.clock();
    }

    /** Default hop limit for packets this node originates. */
    public static final int DEFAULT_TTL = 16;
    /** Largest TTL: it must fit a MessagePack positive fixint so relays can patch one byte. */
    public static final int MAX_TTL = 64;
    /** Default seen-cache size: ~30 s of traffic at 4,000 packets/s. */
    public static final int DEFAULT_SEEN_CAPACITY = 1 << 17;
    /** Default seen-cache age bound. */
    public static final Duration DEFAULT_SEEN_MAX_AGE = Duration.ofMinutes(10);
    /** Default bound on the directory of known nodes. */
    public static final int DEFAULT_MAX_NODES = 4096;
    /** Default bound on frames waiting for the node thread. */
    public static final int DEFAULT_MAX_PENDING_FRAMES = 16_384;
    /** Default bound on bytes of frames waiting for the node thread. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L * 1024 * 1024;
    /** Default period of presence announces. */
    public static final Duration DEFAULT_ANNOUNCE_INTERVAL = Duration.ofSeconds(30);
    /** Default bound on groups known in the mesh. */
    public static final int DEFAULT_MAX_GROUPS = 1024;
    /** Default bound on the groups one node may be in. */
    public static final int DEFAULT_MAX_GROUPS_PER_NODE = 64;
    /** Default number of links auto-connect aims for. */
    public static final int DEFAULT_TARGET_LINKS = 3;
    /** Default idle time after which a link is pinged. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(4);
    /** Default silence after which a link is closed as dead. */
    public static final Duration DEFAULT_LINK_TIMEOUT = Duration.ofSeconds(12);
    /** Default first re-dial delay. */
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    /** Default longest re-dial delay. */
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(60);
    /** Default wait for a private message's receipt before it is reported undelivered. */
    public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofSeconds(30);
    /** Default bound on how far a packet's timestamp may be from this node's clock. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofHours(24);
    /** Longest allowed clock skew setting. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(3650);
    /** Default time a link has to authenticate. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    /** Validates a username for local use, throwing a user-facing IAE. */
    public static String validateUsername(String username) {
        String problem = TextRules.usernameProblem(username);
        if (problem != null) {
            throw new IllegalArgumentException("invalid username: " + problem);
        }
        return username;
    }

    /** Checks {@code min <= value <= max}. */
    public static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** Checks a duration is positive. */
    public static Duration checkPositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
