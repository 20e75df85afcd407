package dev.ghostmesh;

/**
 * How much a node protects its links and its packets, set with
 * {@link MeshNode.Builder#securityProfile}. Every node of a mesh must use the same profile:
 * a secure node and an open node refuse to link, and both say why.
 *
 * <p>Threading: an immutable enum, safe to use from any thread.
 */
public enum SecurityProfile {
    /**
     * The default. Every link runs a Noise XX handshake that proves both identities, then
     * encrypts and authenticates every frame; every flooded packet is signed with its origin's
     * Ed25519 key and verified by each node that receives it. Someone on the path can see only
     * that two nodes talk, and how much; a node cannot speak in another's name.
     */
    SECURE,

    /**
     * For trusted networks that want raw speed: links are plaintext (no handshake crypto, no
     * frame encryption) and packets are not signed. Nodes still check that each packet's
     * origin key hashes to its origin id, and keep duplicate detection, hop limits, timestamp
     * and replay windows, rate limits and network keys (whose digest now travels in the clear:
     * they keep meshes apart, but anyone who reads the traffic can join). Private messages and
     * password-protected groups stay end-to-end encrypted, so someone who only reads the
     * traffic cannot read them. Nothing is protected against anyone who can send on the network:
     * they can read and alter every link, send packets in any node's name, and announce a false
     * key for another node so that private messages to it are sealed to them. Use it only on a
     * network you trust.
     */
    OPEN
}
