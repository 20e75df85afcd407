package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The secure profile's identity payload takes up to 16 extension fields after the port, as the
 * open profile's HELLO does (PROTOCOL.md, "Link handshake"); a 17th fails the handshake.
 */
class HandshakePayloadExtensionsTest {
    private final Identity peer = Identity.fromSeed(new byte[32]);

    /** The peer's payload with {@code n} nil extension fields appended. */
    private byte[] withExtensions(int n) {
        byte[] plain = LinkFrames.handshakePayload(peer, "peer", 6666); // fixarray of 5
        byte[] out = new byte[plain.length + 2 + n];
        out[0] = (byte) 0xdc; // array16 of 5 + n elements: 21 no longer fits a fixarray
        out[2] = (byte) (5 + n);
        System.arraycopy(plain, 1, out, 3, plain.length - 1);
        Arrays.fill(out, plain.length + 2, out.length, (byte) 0xc0);
        return out;
    }

    @Test
    void sixteenExtensionFieldsAreSkipped() throws Exception {
        for (int n : new int[] {1, 10, 16}) {
            LinkFrames.Hello hello = LinkFrames.decodeHandshakePayload(withExtensions(n),
                    peer.agreementPublicKey());
            assertEquals("peer", hello.username());
            assertEquals(6666, hello.listenPort());
        }
    }

    @Test
    void aSeventeenthFailsTheHandshake() {
        PacketDecodeException e = assertThrows(PacketDecodeException.class,
                () -> LinkFrames.decodeHandshakePayload(withExtensions(17),
                        peer.agreementPublicKey()));
        assertTrue(e.getMessage().contains("22 elements"), e.getMessage());
    }
}
