package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.fixtures.ByteSearch;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames: every one must be rejected with {@link PacketDecodeException} alone (never an
 * Error, never another exception) and without allocating more than the frame itself could
 * justify.
 */
class MalformedInputTest {
    private static final Identity ALICE = Identity.generate();
    /** Generous bound on bytes a rejected decode may allocate (the real figure is ~1-2 KiB). */
    private static final long ALLOCATION_BUDGET = 64 * 1024;

    @FunctionalInterface
    interface Decoder {
        void decode(byte[] frame) throws PacketDecodeException;
    }

    private static final Decoder FULL_PACKET = frame -> {
        Packet p = PacketCodec.decode(frame);
        switch (p.type()) {
            case PacketType.ANNOUNCE -> AnnounceBody.decode(p);
            case PacketType.GROUP_CREATE, PacketType.GROUP_JOIN, PacketType.GROUP_LEAVE ->
                    GroupBodies.decodeMembership(p);
            case PacketType.GROUP -> GroupBodies.decodeGroupMessage(p);
            case PacketType.BROADCAST -> Bodies.decodeBroadcast(p);
            case PacketType.PRIVATE -> Bodies.decodePrivate(p);
            case PacketType.GOODBYE -> Bodies.decodeGoodbye(p);
            default -> { }
        }
    };

    private static void assertRejected(Decoder decoder, byte[] frame, String what) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try {
            decoder.decode(frame); // warm-up: class loading must not count as the decode's cost
        } catch (Throwable ignoredHere) {
            // Judged by the measured run below.
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            decoder.decode(frame);
            fail(what + ": accepted");
        } catch (PacketDecodeException expected) {
            // The one failure signal allowed.
        } catch (Throwable t) {
            fail(what + ": threw " + t, t);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_BUDGET + frame.length,
                what + ": allocated " + allocated + " bytes");
    }

    private static byte[] validBroadcast(String text) {
        return PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(new Random(1)),
                16, 1_780_000_000_000L, 1, Bodies.broadcast(text));
    }

    /** A broadcast envelope, signed, whose body is {@code body} (the body need not be valid). */
    private static byte[] broadcastWithBody(byte[] body) {
        return PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(new Random(2)),
                16, 1_780_000_000_000L, 2, body);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] frame = validBroadcast("truncate me");
        for (int len = 0; len < frame.length; len++) {
            assertRejected(FULL_PACKET, java.util.Arrays.copyOf(frame, len), "truncated to " + len);
        }
    }

    @Test
    void hugeDeclaredCountsAreRejectedBeforeAllocating() {
        // array32 header claiming 2^31-1 elements, then nothing.
        assertRejected(FULL_PACKET, new byte[] {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff,
                (byte) 0xff}, "array32 of 2^31-1");
        // array32 with 2^32-1 (negative as int).
        assertRejected(FULL_PACKET, new byte[] {(byte) 0xdd, -1, -1, -1, -1}, "array32 of 2^32-1");
        // Body: array32 claiming 2^31-1 texts.
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0xdd, 0x7f, -1, -1, -1}),
                "body array32");
        // Body: str32 claiming 2 GiB of text.
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x91, (byte) 0xdb, 0x7f,
                -1, -1, -1, 'a'}), "str32 of 2 GiB");
        // Body: bin32 where the text should be.
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x91, (byte) 0xc6, 0x7f,
                -1, -1, -1}), "bin32 of 2 GiB");
        // Body: a text, then an extension field claiming 2^31-1 map entries or array elements,
        // with nothing after the header (a count summed in an int wraps and looks complete).
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x92, (byte) 0xa1, 'x',
                (byte) 0xdf, 0x7f, -1, -1, -1}), "extension map32 of 2^31-1");
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x92, (byte) 0xa1, 'x',
                (byte) 0xdd, 0x7f, -1, -1, -1}), "extension array32 of 2^31-1");
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x92, (byte) 0xa1, 'x',
                (byte) 0x92, (byte) 0xdf, 0x7f, -1, -1, -1, (byte) 0xdf, 0x7f, -1, -1, -1}),
                "extension of two map32 headers");
        // Envelope whose body field is a bin32 claiming 2 GiB.
        byte[] frame = validBroadcast("x");
        int at = ByteSearch.indexOf(frame, new byte[] {(byte) 0xc4, 3, (byte) 0x91});
        byte[] forged = new byte[at + 5];
        System.arraycopy(frame, 0, forged, 0, at);
        forged[at] = (byte) 0xc6;
        forged[at + 1] = 0x7f;
        forged[at + 2] = forged[at + 3] = forged[at + 4] = -1;
        assertRejected(FULL_PACKET, forged, "envelope body bin32 of 2 GiB");
    }

    @Test
    void deepNestingIsRejectedWithoutRecursion() {
        byte[] nested = new byte[200_000];
        java.util.Arrays.fill(nested, (byte) 0x91); // fixarray(1) inside fixarray(1) ...
        assertRejected(FULL_PACKET, nested, "200k nested arrays as envelope");
        assertRejected(FULL_PACKET, broadcastWithBody(java.util.Arrays.copyOf(nested, 60_000)),
                "60k nested arrays as body");
        // Nesting inside a skipped extension field of a body: [text, [[[[...]]]]]
        byte[] body = new byte[60_000];
        body[0] = (byte) 0x92;
        body[1] = (byte) 0xa1;
        body[2] = 'x';
        java.util.Arrays.fill(body, 3, body.length, (byte) 0x91);
        assertRejected(FULL_PACKET, broadcastWithBody(body), "nested extension field");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[][] bad = {
            {(byte) 0xc3, (byte) 0x28},                 // bad continuation
            {(byte) 0xc0, (byte) 0xaf},                 // overlong '/'
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},    // UTF-16 surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xff},
        };
        for (byte[] text : bad) {
            byte[] body = new byte[2 + text.length];
            body[0] = (byte) 0x91;
            body[1] = (byte) (0xa0 | text.length);
            System.arraycopy(text, 0, body, 2, text.length);
            assertRejected(FULL_PACKET, broadcastWithBody(body), "utf-8 " + java.util.HexFormat
                    .of().formatHex(text));
        }
    }

    @Test
    void wrongFieldTypesAndRangesAreRejected() {
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x91, 0x05}),
                "int where text belongs");
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x80}), "map as body");
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x90}), "empty body");
        assertRejected(FULL_PACKET, broadcastWithBody(new byte[] {(byte) 0x91, (byte) 0xa1, 'x',
                0x00}), "trailing byte in body");
        byte[] frame = validBroadcast("x");
        byte[] trailing = java.util.Arrays.copyOf(frame, frame.length + 1);
        assertRejected(FULL_PACKET, trailing, "trailing byte after envelope");
        byte[] version2 = frame.clone();
        version2[1] = 2;
        assertRejected(FULL_PACKET, version2, "protocol version 2");
        byte[] ttlZero = frame.clone();
        ttlZero[ttlZero.length - 1] = 0;
        assertRejected(FULL_PACKET, ttlZero, "remaining ttl 0");
        byte[] ttlNegative = frame.clone();
        ttlNegative[ttlNegative.length - 1] = (byte) 0xff; // negative fixint -1
        assertRejected(FULL_PACKET, ttlNegative, "remaining ttl -1");
        byte[] typeAsString = frame.clone();
        typeAsString[2] = (byte) 0xa0;
        assertRejected(FULL_PACKET, typeAsString, "type as string");
        byte[] linkType = frame.clone();
        linkType[2] = (byte) PacketType.PING;
        assertRejected(FULL_PACKET, linkType, "link-control type as packet");
        assertRejected(FULL_PACKET, new byte[PacketCodec.MAX_FRAME_BYTES + 1], "oversized frame");
        assertRejected(FULL_PACKET, new byte[] {(byte) 0xc1}, "reserved byte 0xc1");
    }

    @Test
    void tooLongTextIsRejected() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x91);
        body.write(0xda); // str16
        int n = TextRules.MAX_TEXT_BYTES + 1;
        body.write(n >> 8);
        body.write(n & 0xff);
        body.write(new byte[n]);
        assertRejected(FULL_PACKET, broadcastWithBody(body.toByteArray()), "16 KiB + 1 text");
    }

    @Test
    void handshakePayloadsRejectGarbageToo() {
        byte[] payload = LinkFrames.handshakePayload(ALICE, "alice", 1);
        byte[] key = ALICE.agreementPublicKey();
        for (int len = 0; len < payload.length; len++) {
            assertRejected(f -> LinkFrames.decodeHandshakePayload(f, key),
                    java.util.Arrays.copyOf(payload, len), "payload truncated to " + len);
        }
        assertRejected(f -> LinkFrames.decodeHandshakePayload(f, key),
                new byte[] {(byte) 0xdd, 0x7f, -1, -1, -1}, "payload array32");
    }

    @Test
    void randomMutationsNeverEscapeTheTypedException() {
        Random random = new Random(20261125);
        byte[] base = validBroadcast("the quick brown fox");
        for (int i = 0; i < 20_000; i++) {
            byte[] m = base.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            try {
                FULL_PACKET.decode(m);
            } catch (PacketDecodeException expected) {
                // Rejected the one allowed way.
            } catch (Throwable t) {
                fail("mutation " + i + " threw " + t, t);
            }
        }
    }
}
