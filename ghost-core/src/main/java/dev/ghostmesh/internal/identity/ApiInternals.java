package dev.ghostmesh.internal.identity;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.SignatureProvider;
import java.lang.invoke.MethodHandles;

/**
 * The library's own way to what {@link Identity} and {@link NodeId} keep out of the public API:
 * the X25519 private key, signing with the identity key, and the id's hash tag.
 *
 * <p>The JDK's "shared secrets" pattern: the API types hold these as package-private methods,
 * and one package-private class of {@code dev.ghostmesh} implements {@link Bridge} over them and
 * installs itself here when {@code NodeId} is initialized. This package is not exported by the
 * module {@code dev.ghostmesh.core}, so embedders on the module path cannot call it; the bridge
 * is set once and never replaced, so there is no static state anyone can change. Thread-safe:
 * callable from any thread.
 */
public final class ApiInternals {
    /** What the API types lend the library; implemented once, inside {@code dev.ghostmesh}. */
    public interface Bridge {
        /** A copy of the identity's X25519 private key. */
        byte[] agreementPrivateKey(Identity identity);

        /** An Ed25519 signature by the identity over {@code length} bytes from {@code offset}. */
        byte[] sign(Identity identity, SignatureProvider provider, byte[] message, int offset,
                int length);

        /** The first 8 bytes of the id as a long: a cheap key for hash tables. */
        long tag(NodeId id);
    }

    private static volatile Bridge bridge;

    private ApiInternals() {}

    /**
     * Installs the bridge; called once, from {@code NodeId}'s static initializer.
     *
     * @throws IllegalStateException if a bridge is already installed
     */
    public static synchronized void install(Bridge implementation) {
        if (bridge != null) {
            throw new IllegalStateException("the API bridge is installed once");
        }
        bridge = implementation;
    }

    /** A copy of {@code identity}'s X25519 private key: secret, wipe it after use. */
    public static byte[] agreementPrivateKey(Identity identity) {
        return bridge().agreementPrivateKey(identity);
    }

    /** Signs {@code length} bytes of {@code message} from {@code offset}; returns 64 bytes. */
    public static byte[] sign(Identity identity, byte[] message, int offset, int length) {
        return sign(identity, SignatureProvider.AUTO, message, offset, length);
    }

    /** As {@link #sign(Identity, byte[], int, int)} with the Ed25519 implementation given. */
    public static byte[] sign(Identity identity, SignatureProvider provider, byte[] message,
            int offset, int length) {
        return bridge().sign(identity, provider, message, offset, length);
    }

    /** The first 8 bytes of {@code id} as a long, for hash tables keyed by origin. */
    public static long tag(NodeId id) {
        return bridge().tag(id);
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            // Every Identity holds a NodeId, so any instance passed here has NodeId initialized
            // already; this covers a call that races class initialization or passes null.
            try {
                MethodHandles.lookup().ensureInitialized(NodeId.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("dev.ghostmesh.NodeId is public", e);
            }
            b = bridge;
        }
        return b;
    }
}
