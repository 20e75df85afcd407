package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import java.util.Objects;

/**
 * One LAN beacon and its fixed 23-byte wire form:
 * {@code "GHST" | version (1 byte, = 1) | node id (16 bytes) | tcp port (2 bytes, big-endian)}.
 * Decoding is exact: any other length, magic or version, or port 0, is not a beacon.
 *
 * <p>Threading: immutable and stateless; callable from any thread.
 *
 * @param claimedId the id the sender claims; a hint only, never proof
 * @param tcpPort the sender's TCP listen port, 1..65535
 */
record Beacon(NodeId claimedId, int tcpPort) {
    static final int LENGTH = 23;
    static final int VERSION = 1;
    private static final byte[] MAGIC = {'G', 'H', 'S', 'T'};
    private static final int VERSION_OFFSET = 4;
    private static final int ID_OFFSET = 5;
    private static final int PORT_OFFSET = ID_OFFSET + NodeId.LENGTH;

    Beacon {
        Objects.requireNonNull(claimedId, "claimedId");
        if (tcpPort < 1 || tcpPort > 65535) {
            throw new IllegalArgumentException("invalid port " + tcpPort + ": must be 1-65535");
        }
    }

    /** The wire form, a fresh array. */
    byte[] encode() {
        byte[] out = new byte[LENGTH];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[VERSION_OFFSET] = VERSION;
        claimedId.writeTo(out, ID_OFFSET);
        out[PORT_OFFSET] = (byte) (tcpPort >>> 8);
        out[PORT_OFFSET + 1] = (byte) tcpPort;
        return out;
    }

    /**
     * Decodes the first {@code length} bytes of {@code data}, or returns null if they are not
     * exactly one valid beacon. Allocates only the returned beacon.
     */
    static Beacon decode(byte[] data, int length) {
        if (length != LENGTH || data.length < LENGTH) {
            return null;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return null;
            }
        }
        if (data[VERSION_OFFSET] != VERSION) {
            return null;
        }
        int port = (data[PORT_OFFSET] & 0xFF) << 8 | data[PORT_OFFSET + 1] & 0xFF;
        if (port == 0) {
            return null;
        }
        return new Beacon(NodeId.of(data, ID_OFFSET), port);
    }
}
