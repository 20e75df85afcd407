package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int LIMIT = 65536;
    private final FrameDecoder decoder = new FrameDecoder(LIMIT);
    private final List<byte[]> frames = new ArrayList<>();

    @Test
    void framesFedOneBytePerReadArriveWhole() throws Exception {
        byte[] stream = concat(TcpTestSupport.wire(new byte[] {1, 2, 3}),
                TcpTestSupport.wire(new byte[] {9}), TcpTestSupport.wire(bytes(LIMIT)));
        for (byte b : stream) {
            decoder.decode(ByteBuffer.wrap(new byte[] {b}), frames::add);
        }
        assertEquals(3, frames.size());
        assertArrayEquals(new byte[] {1, 2, 3}, frames.get(0));
        assertArrayEquals(new byte[] {9}, frames.get(1));
        assertArrayEquals(bytes(LIMIT), frames.get(2));
    }

    @Test
    void severalFramesInOneReadArriveSeparately() throws Exception {
        byte[] stream = concat(TcpTestSupport.wire(new byte[] {1}),
                TcpTestSupport.wire(new byte[] {2, 2}), TcpTestSupport.wire(new byte[] {3, 3, 3}));
        decoder.decode(ByteBuffer.wrap(stream), frames::add);
        assertEquals(3, frames.size());
        assertArrayEquals(new byte[] {3, 3, 3}, frames.get(2));
    }

    @Test
    void readsSplitAtEveryPossibleOffsetGiveTheSameFrames() throws Exception {
        byte[] stream = concat(TcpTestSupport.wire(new byte[] {1, 2, 3, 4, 5}),
                TcpTestSupport.wire(new byte[] {6, 7}));
        for (int split = 0; split <= stream.length; split++) {
            List<byte[]> got = new ArrayList<>();
            FrameDecoder d = new FrameDecoder(LIMIT);
            d.decode(ByteBuffer.wrap(stream, 0, split), got::add);
            d.decode(ByteBuffer.wrap(stream, split, stream.length - split), got::add);
            assertEquals(2, got.size(), "split at " + split);
            assertArrayEquals(new byte[] {6, 7}, got.get(1), "split at " + split);
        }
    }

    @Test
    void midFrameFromTheFirstPrefixByteUntilTheFrameIsComplete() throws Exception {
        byte[] stream = TcpTestSupport.wire(new byte[] {1, 2});
        assertFalse(decoder.midFrame(), "nothing arrived yet");
        for (int i = 0; i < stream.length - 1; i++) {
            decoder.decode(ByteBuffer.wrap(stream, i, 1), frames::add);
            assertTrue(decoder.midFrame(), "after byte " + i);
        }
        decoder.decode(ByteBuffer.wrap(stream, stream.length - 1, 1), frames::add);
        assertFalse(decoder.midFrame(), "the frame is complete");
        assertEquals(1, frames.size());
    }

    @Test
    void eachFrameGetsAFreshArray() throws Exception {
        byte[] one = TcpTestSupport.wire(new byte[] {1});
        decoder.decode(ByteBuffer.wrap(concat(one, one)), frames::add);
        assertTrue(frames.get(0) != frames.get(1));
    }

    @Test
    void declaredLengthAboveTheLimitIsRejectedBeforeAllocating() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(
                ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE), frames::add));
        assertEquals("frame of 2147483647 bytes exceeds the 65536-byte limit", e.getMessage());
    }

    @Test
    void declaredLengthWithTheTopBitSetReadsAsTheHugeSizeItClaims() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(
                ByteBuffer.allocate(4).putInt(0, -1), frames::add));
        assertEquals("frame of 4294967295 bytes exceeds the 65536-byte limit", e.getMessage());
    }

    @Test
    void oneByteOverTheLimitIsRejectedAndTheLimitItselfAccepted() throws Exception {
        decoder.decode(ByteBuffer.wrap(TcpTestSupport.wire(bytes(LIMIT))), frames::add);
        assertEquals(1, frames.size());
        assertThrows(ProtocolException.class, () -> decoder.decode(
                ByteBuffer.allocate(4).putInt(0, LIMIT + 1), frames::add));
    }

    @Test
    void declaredLengthZeroIsRejected() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.allocate(4), frames::add));
        assertEquals("frame of 0 bytes is invalid: frames carry at least 1 byte", e.getMessage());
    }

    @Test
    void framesBeforeABadPrefixAreStillDelivered() {
        byte[] stream = concat(TcpTestSupport.wire(new byte[] {7}), new byte[4]);
        assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(stream), frames::add));
        assertEquals(1, frames.size());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
