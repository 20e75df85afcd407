package dev.ghostmesh;

import dev.ghostmesh.internal.identity.ApiInternals;

/**
 * Lends the library's internal packages what {@link Identity} and {@link NodeId} keep
 * package-private; see {@link ApiInternals}. Stateless and thread-safe.
 */
final class ApiBridge implements ApiInternals.Bridge {
    @Override
    public byte[] agreementPrivateKey(Identity identity) {
        return identity.agreementPrivateKey();
    }

    @Override
    public byte[] sign(Identity identity, SignatureProvider provider, byte[] message, int offset,
            int length) {
        return identity.sign(provider, message, offset, length);
    }

    @Override
    public long tag(NodeId id) {
        return id.tag();
    }
}
