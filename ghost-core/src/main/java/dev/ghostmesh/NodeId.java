package dev.ghostmesh;

import static dev.ghostmesh.internal.Bytes.readLong;
import static dev.ghostmesh.internal.Bytes.writeLong;

import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.identity.Codenames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a node in the mesh: the first 16 bytes of SHA-256 over its Ed25519 public key.
 *
 * <p>Shown as 32 lowercase hex digits; {@link #shortHex()} gives the first 8. A human-friendly
 * {@link #codename()} (adjective-noun) is derived from it deterministically. Immutable and
 * thread-safe: instances may be shared freely between threads.
 */
public final class NodeId implements Comparable<NodeId> {
    /** Length of a node id in bytes. */
    public static final int LENGTH = 16;

    private static final HexFormat HEX = HexFormat.of();

    static {
        // Installed here rather than in Identity: every Identity holds a NodeId, so whichever
        // of the two the library sees first, this initializer has run.
        ApiInternals.install(new ApiBridge());
    }

    private final long high;
    private final long low;

    private NodeId(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /**
     * Wraps 16 raw bytes. Callable from any thread.
     *
     * @throws IllegalArgumentException if {@code bytes} is not exactly 16 bytes long
     */
    public static NodeId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a node id is " + LENGTH + " bytes");
        }
        return of(bytes, 0);
    }

    /** Reads 16 bytes at {@code offset}. Callable from any thread. */
    public static NodeId of(byte[] bytes, int offset) {
        return new NodeId(readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    /** Derives the id of the node that owns an Ed25519 public key. Callable from any thread. */
    public static NodeId fromPublicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != Identity.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        return fromPublicKey(publicKey, 0);
    }

    /** Derives a node id from the 32-byte public key at {@code offset}, without copying it. */
    public static NodeId fromPublicKey(byte[] bytes, int offset) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, offset, Identity.PUBLIC_KEY_LENGTH);
            return of(sha256.digest(), 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Parses the 32-digit hex form.
     *
     * @throws IllegalArgumentException if {@code hex} is not 32 hex digits
     */
    public static NodeId parse(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a node id is " + LENGTH * 2 + " hex digits");
        }
        return of(HEX.parseHex(hex));
    }

    /** A fresh copy of the 16 bytes. */
    public byte[] bytes() {
        byte[] out = new byte[LENGTH];
        writeLong(out, 0, high);
        writeLong(out, 8, low);
        return out;
    }

    /** Writes the 16 bytes into {@code target} at {@code offset}. */
    public void writeTo(byte[] target, int offset) {
        writeLong(target, offset, high);
        writeLong(target, offset + 8, low);
    }

    // The first 8 bytes as a long: a cheap fingerprint for the router's hash tables. Only the
    // library needs it, so it is lent through ApiBridge rather than being API.
    long tag() {
        return high;
    }

    /** 32 lowercase hex digits. */
    public String hex() {
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    /** The first 8 hex digits, used in {@code name#abcd1234} labels. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    /** True if the hex form starts with {@code prefix} (case-insensitive). */
    public boolean hasHexPrefix(String prefix) {
        return !prefix.isEmpty() && hex().startsWith(prefix.toLowerCase(java.util.Locale.ROOT));
    }

    /** The deterministic adjective-noun codename of this id, e.g. {@code silent-falcon}. */
    public String codename() {
        return Codenames.of(bytes());
    }

    @Override
    public int compareTo(NodeId other) {
        int c = Long.compareUnsigned(high, other.high);
        return c != 0 ? c : Long.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId other && other.high == high && other.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    @Override
    public String toString() {
        return hex();
    }

}
