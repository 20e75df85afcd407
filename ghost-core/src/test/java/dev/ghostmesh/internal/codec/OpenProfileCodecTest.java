package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.fixtures.Forgery;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The open profile on the wire: unsigned envelopes (an empty signature, nothing else changed)
 * and the plaintext link handshake frames.
 */
class OpenProfileCodecTest {
    private static final Identity ALICE = Identity.generate();
    private static final long NOW = 1_780_000_000_000L;
    private static final byte[] NETWORK = LinkFrames.networkId(null);

    private static byte[] envelope(boolean sign) {
        return PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.of(new byte[16], 0), 9,
                NOW, 42, Bodies.broadcast("hi"), sign);
    }

    @Test
    void anUnsignedEnvelopeIsTheSignedOneWithAnEmptySignature() throws Exception {
        byte[] signed = envelope(true);
        byte[] unsigned = envelope(false);
        Packet p = PacketCodec.decode(unsigned);
        int sigAt = PacketCodec.decode(signed).signatureOffset();
        // Everything up to the signature's bin header is the same; then bin 0 and the TTL.
        assertArrayEquals(Arrays.copyOf(signed, sigAt - 2), Arrays.copyOf(unsigned, sigAt - 2));
        assertArrayEquals(new byte[] {(byte) 0xc4, 0x00, 9},
                Arrays.copyOfRange(unsigned, sigAt - 2, unsigned.length));
        assertFalse(p.signed());
        assertFalse(p.verify(), "an unsigned packet never verifies");
        assertTrue(p.originMatchesKey());
        assertEquals(new Bodies.Broadcast("hi"), Bodies.decodeBroadcast(p));
        assertEquals(8, PacketCodec.decode(p.withTtl(8)).ttl(), "relays patch the TTL as ever");
        assertTrue(PacketCodec.decode(signed).signed());
    }

    @Test
    void aSignatureOfAnyOtherLengthIsMalformed() {
        byte[] unsigned = envelope(false);
        int sigAt = unsigned.length - 3; // c4 00 ttl
        for (int length : new int[] {1, 32, 63}) {
            byte[] frame = Forgery.concat(Arrays.copyOf(unsigned, sigAt),
                    new byte[] {(byte) 0xc4, (byte) length}, new byte[length], new byte[] {9});
            assertThrows(PacketDecodeException.class, () -> PacketCodec.decode(frame),
                    "signature of " + length + " bytes");
        }
    }

    @Test
    void openHandshakeFramesStartWithTheMagicAndNeverLookLikeANoiseFirstMessage() {
        byte[] start = OpenLinkFrames.start(NETWORK);
        byte[] hello = OpenLinkFrames.hello(ALICE, "alice", 6666, NETWORK);
        byte[] mismatch = OpenLinkFrames.mismatch();
        assertEquals(OpenLinkFrames.START, OpenLinkFrames.kind(start));
        assertEquals(OpenLinkFrames.HELLO, OpenLinkFrames.kind(hello));
        assertEquals(OpenLinkFrames.MISMATCH, OpenLinkFrames.kind(mismatch));
        assertArrayEquals("GHSTOPEN".getBytes(), Arrays.copyOf(mismatch, 8));
        assertArrayEquals(new byte[] {(byte) 0x92, 1, 3}, Arrays.copyOfRange(mismatch, 8, 11));
        for (byte[] f : new byte[][] {start, hello, mismatch}) {
            assertTrue(OpenLinkFrames.isOpenFrame(f));
            assertFalse(OpenLinkFrames.looksLikeNoiseStart(f));
        }
        // A Noise first message is 32 bytes of key, whatever they are, magic included.
        byte[] noise = Arrays.copyOf(start, 32);
        assertFalse(OpenLinkFrames.isOpenFrame(noise));
        assertEquals(-1, OpenLinkFrames.kind(noise));
        assertTrue(OpenLinkFrames.looksLikeNoiseStart(noise));
    }

    @Test
    void aHelloCarriesTheIdentityAndIsRefusedOnAnotherNetwork() throws Exception {
        byte[] hello = OpenLinkFrames.hello(ALICE, "alice", 6666, NETWORK);
        LinkFrames.Hello h = OpenLinkFrames.decodeHello(hello, NETWORK);
        assertEquals(ALICE.id(), h.id());
        assertArrayEquals(ALICE.publicKey(), h.publicKey());
        assertArrayEquals(ALICE.agreementPublicKey(), h.agreementKey());
        assertEquals("alice", h.username());
        assertEquals(6666, h.listenPort());
        assertArrayEquals(NETWORK, OpenLinkFrames.decodeStart(OpenLinkFrames.start(NETWORK)));

        byte[] keyed = LinkFrames.networkId("a long network key for the test");
        PacketDecodeException e = assertThrows(PacketDecodeException.class,
                () -> OpenLinkFrames.decodeHello(hello, keyed));
        assertTrue(e.getMessage().contains("another network"), e.getMessage());
        assertFalse(OpenLinkFrames.sameNetwork(keyed,
                OpenLinkFrames.decodeStart(OpenLinkFrames.start(NETWORK))));
    }

    @Test
    void malformedOrMisplacedHandshakeFramesAreRefused() {
        byte[] hello = OpenLinkFrames.hello(ALICE, "alice", 1, NETWORK);
        assertThrows(PacketDecodeException.class,
                () -> OpenLinkFrames.decodeHello(OpenLinkFrames.start(NETWORK), NETWORK),
                "a START where a HELLO belongs");
        assertThrows(PacketDecodeException.class,
                () -> OpenLinkFrames.decodeStart(hello), "a HELLO where START belongs");
        for (int cut = 9; cut < hello.length; cut++) {
            byte[] truncated = Arrays.copyOf(hello, cut);
            assertThrows(PacketDecodeException.class,
                    () -> OpenLinkFrames.decodeHello(truncated, NETWORK), "cut at " + cut);
        }
        byte[] trailing = Arrays.copyOf(hello, hello.length + 1);
        assertThrows(PacketDecodeException.class,
                () -> OpenLinkFrames.decodeHello(trailing, NETWORK));
        byte[] badName = OpenLinkFrames.hello(ALICE, "x", 1, NETWORK);
        badName[badName.length - 2] = 0x07; // the one-byte username becomes BEL
        assertThrows(PacketDecodeException.class,
                () -> OpenLinkFrames.decodeHello(badName, NETWORK));
    }
}
