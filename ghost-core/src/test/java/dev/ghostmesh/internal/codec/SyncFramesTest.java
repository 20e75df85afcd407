package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catch-up frames: what PROTOCOL.md prints them as, round trips, and refusals of anything
 * longer than the bounds or of another type.
 */
class SyncFramesTest {
    private static final NodeId ORIGIN = NodeId.of(HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f"));

    @Test
    void theFramesAreWhatTheProtocolPrints() {
        // [1, 71, 1000, origin, [5, 6], false]
        assertEquals("96" + "01" + "47" + "cd03e8" + "c410000102030405060708090a0b0c0d0e0f"
                + "92" + "05" + "06" + "c2",
                HexFormat.of().formatHex(SyncFrames.seqs(1000, ORIGIN, new long[] {5, 6},
                        false)));
        // [1, 72, origin, [7]]
        assertEquals("94" + "01" + "48" + "c410000102030405060708090a0b0c0d0e0f" + "91" + "07",
                HexFormat.of().formatHex(SyncFrames.want(ORIGIN, new long[] {7})));
        // [1, 73, bin [0x9b]]
        assertEquals("93" + "01" + "49" + "c4019b",
                HexFormat.of().formatHex(SyncFrames.packet(new byte[] {(byte) 0x9b})));
        // [1, 70, 0, [[origin, 2, 9, digest]], true]
        assertEquals("95" + "01" + "46" + "00" + "91" + "94"
                + "c410000102030405060708090a0b0c0d0e0f" + "02" + "09"
                + "c408" + "0102030405060708" + "c3",
                HexFormat.of().formatHex(SyncFrames.summary(0, List.of(new SyncFrames.OriginLine(
                        ORIGIN, 2, 9, 0x0102030405060708L)), true)));
    }

    @Test
    void eachFrameDecodesToWhatWasEncoded() throws Exception {
        SyncFrames.Summary s = SyncFrames.decodeSummary(SyncFrames.summary(77, List.of(
                new SyncFrames.OriginLine(ORIGIN, 3, 1L << 40, -5)), false));
        assertEquals(77, s.windowStart());
        assertFalse(s.last());
        assertEquals(new SyncFrames.OriginLine(ORIGIN, 3, 1L << 40, -5), s.origins().get(0));
        SyncFrames.Seqs q = SyncFrames.decodeSeqs(SyncFrames.seqs(9, ORIGIN, new long[] {1, 2},
                true));
        assertEquals(9, q.windowStart());
        assertTrue(q.reply());
        assertArrayEquals(new long[] {1, 2}, q.seqs());
        assertArrayEquals(new long[] {4}, SyncFrames.decodeWant(SyncFrames.want(ORIGIN,
                new long[] {4})).seqs());
        assertArrayEquals(new byte[] {1, 2, 3}, SyncFrames.decodePacket(SyncFrames.packet(
                new byte[] {1, 2, 3})));
    }

    @Test
    void listsBeyondTheBoundsAndFramesOfAnotherTypeAreRefused() {
        long[] tooMany = new long[SyncFrames.MAX_SEQS + 1];
        assertThrows(PacketDecodeException.class,
                () -> SyncFrames.decodeWant(SyncFrames.want(ORIGIN, tooMany)));
        List<SyncFrames.OriginLine> lines = new ArrayList<>();
        for (int i = 0; i <= SyncFrames.MAX_ORIGINS; i++) {
            lines.add(new SyncFrames.OriginLine(ORIGIN, 1, i, i));
        }
        assertThrows(PacketDecodeException.class,
                () -> SyncFrames.decodeSummary(SyncFrames.summary(0, lines, true)));
        assertThrows(PacketDecodeException.class,
                () -> SyncFrames.decodeSeqs(SyncFrames.want(ORIGIN, new long[] {1})));
        assertThrows(PacketDecodeException.class, () -> SyncFrames.decodeSummary(
                SyncFrames.summary(0, List.of(new SyncFrames.OriginLine(ORIGIN, 0, 1, 1)),
                        true)), "a count of 0 is no line");
        byte[] truncated = SyncFrames.want(ORIGIN, new long[] {1, 2, 3});
        assertThrows(PacketDecodeException.class, () -> SyncFrames.decodeWant(
                java.util.Arrays.copyOf(truncated, truncated.length - 1)));
    }
}
