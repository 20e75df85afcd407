package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.spi.Link;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A peer announcing an impossible frame loses its own link, and only that link. */
class TcpBadFrameTest extends TcpTestSupport {
    @ParameterizedTest(name = "declared length {0}")
    @CsvSource(delimiter = '|', value = {
        "2147483647 | frame of 2147483647 bytes exceeds the 65536-byte limit",
        "65537      | frame of 65537 bytes exceeds the 65536-byte limit",
        "-1         | frame of 4294967295 bytes exceeds the 65536-byte limit",
        "0          | frame of 0 bytes is invalid: frames carry at least 1 byte",
    })
    void badDeclaredLengthClosesThatLinkWithACauseAndOthersKeepWorking(int declared,
            String message) throws Exception {
        Node server = start();
        Node other = start();
        Link healthyOut = other.dial(server);
        Link healthyIn = server.context().nextInboundLink(TIMEOUT);

        Socket bad = rawClient(server);
        Link badLink = server.context().nextInboundLink(TIMEOUT);
        DataOutputStream out = new DataOutputStream(bad.getOutputStream());
        out.writeInt(5);
        out.write(new byte[] {1, 2, 3, 4, 5}); // a good frame first: it is still delivered
        out.writeInt(declared);
        out.flush();

        Throwable cause = server.context().awaitLinkDown(badLink, TIMEOUT);
        assertInstanceOf(ProtocolException.class, cause);
        assertEquals(message, cause.getMessage());
        assertEquals(1, server.context().frames(badLink).size());
        assertClosedByServer(bad.getInputStream());

        assertTrue(healthyOut.send(new byte[] {42}));
        assertTrue(healthyIn.send(new byte[] {43}));
        assertArrayEquals(new byte[] {42},
                server.context().awaitFrames(healthyIn, 1, TIMEOUT).get(0));
        assertArrayEquals(new byte[] {43},
                other.context().awaitFrames(healthyOut, 1, TIMEOUT).get(0));
        assertFalse(server.context().isDown(healthyIn));

        Socket next = rawClient(server); // and it still accepts new peers
        Link nextLink = server.context().nextInboundLink(TIMEOUT);
        writeFrame(next.getOutputStream(), new byte[] {44});
        server.context().awaitFrames(nextLink, 1, TIMEOUT);
    }

    private static void assertClosedByServer(InputStream in) {
        try {
            assertEquals(-1, in.read(), "end of stream");
        } catch (IOException reset) {
            // Also fine: closing with the peer's bytes unread makes the kernel send a reset.
        }
    }
}
