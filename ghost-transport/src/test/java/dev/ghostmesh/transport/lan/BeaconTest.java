package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BeaconTest {
    private final NodeId id = Identity.generate().id();

    @Test
    void roundTripsIdAndPort() {
        for (int port : new int[] {1, 6666, 65535}) {
            byte[] wire = new Beacon(id, port).encode();
            assertEquals(new Beacon(id, port), Beacon.decode(wire, wire.length));
        }
    }

    @Test
    void wireFormIsMagicVersionIdAndBigEndianPort() {
        NodeId fixed = NodeId.parse("000102030405060708090a0b0c0d0e0f");
        byte[] wire = new Beacon(fixed, 0x1A0B).encode();
        assertEquals("47485354" + "01" + "000102030405060708090a0b0c0d0e0f" + "1a0b",
                HexFormat.of().formatHex(wire));
        assertEquals(Beacon.LENGTH, wire.length);
    }

    @Test
    void everyTruncationAndAnExtraByteAreRejected() {
        byte[] wire = new Beacon(id, 6666).encode();
        for (int len = 0; len < wire.length; len++) {
            assertNull(Beacon.decode(Arrays.copyOf(wire, len), len), "length " + len);
            // A short datagram in a larger receive buffer: the length decides, not the array.
            assertNull(Beacon.decode(wire, len), "declared length " + len);
        }
        byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertNull(Beacon.decode(longer, longer.length));
    }

    @Test
    void wrongMagicVersionOrPortZeroIsRejected() {
        byte[] wire = new Beacon(id, 6666).encode();
        for (int i = 0; i < 4; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x20; // "ghst" and friends are not "GHST"
            assertNull(Beacon.decode(bad, bad.length), "magic byte " + i);
        }
        for (int version : new int[] {0, 2, 0xFF}) {
            byte[] bad = wire.clone();
            bad[4] = (byte) version;
            assertNull(Beacon.decode(bad, bad.length), "version " + version);
        }
        byte[] portZero = wire.clone();
        portZero[21] = 0;
        portZero[22] = 0;
        assertNull(Beacon.decode(portZero, portZero.length));
    }

    @Test
    void encodingRefusesPortsOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new Beacon(id, 0));
        assertThrows(IllegalArgumentException.class, () -> new Beacon(id, 65536));
        assertThrows(NullPointerException.class, () -> new Beacon(null, 1));
    }

    @Test
    void decodedIdDoesNotAliasTheReceiveBuffer() {
        byte[] wire = new Beacon(id, 7).encode();
        Beacon b = Beacon.decode(wire, wire.length);
        Arrays.fill(wire, (byte) 0);
        assertArrayEquals(id.bytes(), b.claimedId().bytes());
    }
}
