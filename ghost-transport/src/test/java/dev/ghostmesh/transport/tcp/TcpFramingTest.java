package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format as a plain socket sees it. */
class TcpFramingTest extends TcpTestSupport {
    @Test
    void frameTrickledOneByteAtATimeArrivesWhole() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        byte[] payload = numbered(1, 300);
        OutputStream out = peer.getOutputStream();
        for (byte b : wire(payload)) {
            out.write(b); // one write call, one segment (TCP_NODELAY) per byte
            out.flush();
        }
        writeFrame(out, new byte[] {7}); // a following frame marks the end of the first
        List<byte[]> frames = node.context().awaitFrames(link, 2, TIMEOUT);
        assertArrayEquals(payload, frames.get(0));
        assertArrayEquals(new byte[] {7}, frames.get(1));
    }

    @Test
    void severalFramesInOneWriteArriveSeparately() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        byte[] a = numbered(1, 10);
        byte[] b = numbered(2, 65536);
        byte[] c = {3};
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
        batch.writeBytes(wire(a));
        batch.writeBytes(wire(b));
        batch.writeBytes(wire(c));
        peer.getOutputStream().write(batch.toByteArray());
        List<byte[]> frames = node.context().awaitFrames(link, 3, TIMEOUT);
        assertEquals(3, frames.size());
        assertArrayEquals(a, frames.get(0));
        assertArrayEquals(b, frames.get(1));
        assertArrayEquals(c, frames.get(2));
    }

    @Test
    void sentFramesCarryABigEndianLengthPrefix() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        byte[] big = numbered(9, 70_000 - 4470); // 65530 bytes: spans several writes
        assertTrue(link.send(new byte[] {1, 2}));
        assertTrue(link.send(big));
        DataInputStream in = new DataInputStream(peer.getInputStream());
        assertEquals(0, in.readUnsignedShort(), "high bytes of the length");
        assertEquals(2, in.readUnsignedShort(), "low bytes of the length");
        assertEquals(1, in.read());
        assertEquals(2, in.read());
        assertArrayEquals(big, readFrame(in));
    }

    @Test
    void inboundLinkReportsThePeersSourceAddressAndPort() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        assertTrue(link.inbound());
        assertEquals(PeerAddress.tcp("127.0.0.1", peer.getLocalPort()), link.remoteAddress());
    }

    @Test
    void framesFromManyPeersStayApart() throws Exception {
        Node node = start();
        Socket[] peers = new Socket[5];
        Link[] links = new Link[5];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = rawClient(node);
            links[i] = node.context().nextInboundLink(TIMEOUT);
        }
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < peers.length; i++) {
                writeFrame(peers[i].getOutputStream(), numbered(i * 1000 + round, 100 + round));
            }
        }
        for (int i = 0; i < peers.length; i++) {
            // Inbound links come up in accept order, which is the connect order here.
            assertEquals(peers[i].getLocalPort(), links[i].remoteAddress().port());
            List<byte[]> frames = node.context().awaitFrames(links[i], 20, TIMEOUT);
            for (int round = 0; round < 20; round++) {
                assertArrayEquals(numbered(i * 1000 + round, 100 + round), frames.get(round));
            }
        }
    }
}
