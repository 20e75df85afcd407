package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    @Test
    void boundCountsPayloadPlusFourBytesPerFrame() {
        OutboundQueue q = new OutboundQueue(20);
        assertTrue(q.offer(new byte[10]));   // 14 queued
        assertFalse(q.offer(new byte[3]));   // 21 would exceed 20: rejected, not queued
        assertTrue(q.offer(new byte[2]));    // exactly 20
        assertEquals(20, q.unsentBytes());
        assertFalse(q.offer(new byte[1]));
    }

    @Test
    void partialWritesOfAnySizeProduceTheExactWireFormat() {
        OutboundQueue q = new OutboundQueue(1 << 20);
        byte[] a = {1, 2, 3};
        byte[] b = new byte[300];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        byte[] c = {9};
        q.offer(a);
        q.offer(b);
        q.offer(c);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(TcpTestSupport.wire(a));
        expected.writeBytes(TcpTestSupport.wire(b));
        expected.writeBytes(TcpTestSupport.wire(c));

        // A 7-byte buffer of which the "socket" takes 1, 2 or 3 bytes per write.
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(7);
        for (int round = 0; !q.isEmpty(); round++) {
            buf.clear();
            q.fill(buf);
            buf.flip();
            int taken = Math.min(buf.remaining(), 1 + round % 3);
            byte[] chunk = new byte[taken];
            buf.get(chunk);
            written.writeBytes(chunk);
            q.advance(taken);
        }
        assertArrayEquals(expected.toByteArray(), written.toByteArray());
        assertEquals(0, q.unsentBytes());
    }

    @Test
    void writtenFramesFreeTheirSpaceInTheBound() {
        OutboundQueue q = new OutboundQueue(14);
        assertTrue(q.offer(new byte[10]));
        assertFalse(q.offer(new byte[10]));
        ByteBuffer buf = ByteBuffer.allocate(64);
        q.fill(buf);
        q.advance(13);
        assertFalse(q.offer(new byte[1]), "a partly written frame still counts");
        q.advance(1);
        assertTrue(q.offer(new byte[10]));
    }

    @Test
    void framesAreNeverModified() {
        OutboundQueue q = new OutboundQueue(1024);
        byte[] frame = {5, 6, 7, 8};
        q.offer(frame);
        q.offer(frame);
        ByteBuffer buf = ByteBuffer.allocate(5);
        while (!q.isEmpty()) {
            buf.clear();
            q.fill(buf);
            q.advance(buf.position());
        }
        assertArrayEquals(new byte[] {5, 6, 7, 8}, frame);
    }
}
