package dev.ghostmesh;

import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.internal.identity.IdentityFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A node's long-term Ed25519 key pair and the {@link NodeId} derived from it.
 *
 * <p>Create one with {@link #generate()} or keep one across restarts with
 * {@link #loadOrCreate(Path)}, and hand it to {@link MeshNode.Builder#identity(Identity)}. It
 * shows only public keys: the node signs and decrypts with the private ones, which it never
 * hands out. Immutable after construction and thread-safe: one identity may be used from
 * several threads at once.
 */
public final class Identity {
    /** Length of an Ed25519 public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = Ed25519.PUBLIC_KEY_SIZE;
    /** Length of the private seed in bytes. */
    public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final byte[] publicKey;
    private final NodeId nodeId;
    private final byte[] agreementPrivate;
    private final byte[] agreementPublic;

    private Identity(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is " + SEED_LENGTH + " bytes");
        }
        this.seed = seed.clone();
        this.publicKey = new byte[PUBLIC_KEY_LENGTH];
        Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
        this.nodeId = NodeId.fromPublicKey(publicKey);
        // A separate X25519 key, derived so that it needs no file of its own and stays the
        // same across restarts; it is bound to the Ed25519 key by signatures, never by math.
        this.agreementPrivate = AgreementKeys.derivePrivate(this.seed);
        this.agreementPublic = AgreementKeys.publicKey(agreementPrivate);
    }

    /** A fresh identity from {@link SecureRandom}. Callable from any thread. */
    public static Identity generate() {
        byte[] seed = new byte[SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        try {
            return new Identity(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** An identity from a 32-byte private seed (tests and key import). */
    public static Identity fromSeed(byte[] seed) {
        return new Identity(seed);
    }

    /**
     * Loads the identity kept in {@code home}, creating and saving a new one on first use. The
     * directory is created owner-only and the key file is readable by its owner only. Blocks on
     * file I/O; call it before starting a node, from any thread.
     *
     * @throws MeshException if the key cannot be read, written, or is corrupt
     */
    public static Identity loadOrCreate(Path home) {
        byte[] seed = IdentityFiles.loadOrCreateSeed(home, () -> {
            byte[] fresh = new byte[SEED_LENGTH];
            new SecureRandom().nextBytes(fresh);
            return fresh;
        });
        try {
            return new Identity(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** This identity's node id: the id of the node that holds it ({@code MeshNode.id()}). */
    public NodeId id() {
        return nodeId;
    }

    /**
     * A copy of this identity's 32-byte X25519 public key, used for link handshakes and for
     * private messages sent to it. Derived from the seed (HKDF-SHA256, info
     * {@code "ghost-terminal x25519 v1"}), so it is stable across restarts. Callable from any
     * thread.
     */
    public byte[] agreementPublicKey() {
        return agreementPublic.clone();
    }

    // Secret, and only for the library's own handshakes and decryption: package-private, lent
    // to the internal packages through ApiBridge/ApiInternals, never part of the API.
    byte[] agreementPrivateKey() {
        return agreementPrivate.clone();
    }

    /** A copy of the 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The deterministic codename of {@link #id()}. */
    public String codename() {
        return nodeId.codename();
    }

    // Package-private like the private key: a public "sign these bytes" would let any code
    // holding the Identity produce packet signatures in the node's name. Lent to the internal
    // packages through ApiBridge/ApiInternals.
    byte[] sign(SignatureProvider provider, byte[] message, int offset, int length) {
        // Passing the public key spares the implementation re-deriving it on every signature.
        return Ed25519Providers.resolve(provider).sign(seed, publicKey, message, offset, length);
    }

    @Override
    public String toString() {
        return "Identity[" + nodeId.shortHex() + " " + codename() + "]";
    }
}
