package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The announced address forms of PROTOCOL.md: what a node sends, and what it accepts. */
class AnnouncedAddressTest {
    private static byte[] v6(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void ipv6IsWrittenInRfc5952Form() {
        assertEquals("2001:db8::2:1", AnnouncedAddress.rfc5952(
                v6("20010db8000000000000000000020001")));
        assertEquals("2001:db8:0:1:1:1:1:1", AnnouncedAddress.rfc5952(
                v6("20010db8000000010001000100010001")), "one zero group stays");
        assertEquals("2001:db8::1:0:0:1", AnnouncedAddress.rfc5952(
                v6("20010db8000000000001000000000001")), "the first of equal runs");
        assertEquals("2001:0:0:1::1", AnnouncedAddress.rfc5952(
                v6("20010000000000010000000000000001")), "the longest run");
        assertEquals("::1", AnnouncedAddress.rfc5952(v6("00000000000000000000000000000001")));
        assertEquals("fe80::", AnnouncedAddress.rfc5952(v6("fe800000000000000000000000000000")));
    }

    @Test
    void aNodeAnnouncesNoZoneIdAndNoLinkLocalAddress() throws Exception {
        byte[] global = v6("20010db8000000000000000000000001");
        assertEquals("2001:db8::1", AnnouncedAddress.host(
                Inet6Address.getByAddress(null, global, 2)), "the zone id is dropped");
        assertNull(AnnouncedAddress.host(Inet6Address.getByAddress(null,
                v6("fe800000000000000000000000000001"), 2)));
        assertNull(AnnouncedAddress.host(InetAddress.getByName("169.254.7.7")));
        assertNull(AnnouncedAddress.host(InetAddress.getByName("0.0.0.0")));
        assertEquals("192.168.1.2", AnnouncedAddress.host(InetAddress.getByName("192.168.1.2")));
    }

    @Test
    void receiversTakeTheAnnouncedFormsAndNormalizeIpv6() {
        assertEquals(PeerAddress.tcp("2001:db8::1", 6666),
                AnnouncedAddress.parse("[2001:DB8:0:0:0:0:0:1]:6666"));
        assertEquals(PeerAddress.tcp("10.0.0.1", 6666), AnnouncedAddress.parse("10.0.0.1:6666"));
        assertEquals(PeerAddress.tcp("node-7.example.org", 80),
                AnnouncedAddress.parse("node-7.example.org:80"));
    }

    @Test
    void receiversIgnoreZoneIdsLinkLocalAndMalformedEntries() {
        for (String bad : List.of("[fe80::1%eth0]:6666", "[2001:db8::1%eth0]:6666",
                "[2001:db8::1%2]:6666", "[fe80::1]:6666", "169.254.3.4:6666", "[::]:6666",
                "0.0.0.0:6666", "[::ffff:10.0.0.1]:6666", "2001:db8::1:6666", "host:0",
                "host:65536", "host:080", "host", "999.1.1.1:5", "[2001:db8::1:6666",
                "bad host:1", ":6666")) {
            assertNull(AnnouncedAddress.parse(bad), bad);
        }
    }

    @Test
    void otherTransportsAreWrittenWithTheirSchemeAndTcpWithout() {
        assertEquals("10.0.0.1:6666", AnnouncedAddress.text(PeerAddress.tcp("10.0.0.1", 6666)));
        assertEquals("[2001:db8::7]:6666",
                AnnouncedAddress.text(PeerAddress.tcp("2001:db8::7", 6666)));
        assertEquals("local:a", AnnouncedAddress.text(PeerAddress.local("a")));
        assertEquals(PeerAddress.local("a"), AnnouncedAddress.parse("local:a"));
        assertEquals(PeerAddress.local("node-7"), AnnouncedAddress.parse("local:node-7"));
        // A scheme this node has no transport for is still an address: kept, never dialed.
        assertEquals(new PeerAddress("quic", "10.0.0.1", 443),
                AnnouncedAddress.parse("quic:10.0.0.1:443"));
        assertEquals(new PeerAddress("bt", "00:11:22:33:44:55", 0),
                AnnouncedAddress.parse("bt:[00:11:22:33:44:55]"));
    }

    @Test
    void aTcpFormIsTcpEvenWhenItsHostLooksLikeAScheme() {
        // Why LocalNetwork names are never all digits.
        assertEquals(PeerAddress.tcp("local", 5), AnnouncedAddress.parse("local:5"));
        assertEquals(PeerAddress.tcp("quic", 443), AnnouncedAddress.parse("quic:443"));
    }

    @Test
    void receiversReadTheEntriesProtocolMdListsAsItSays() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "PROTOCOL.md"),
                StandardCharsets.UTF_8);
        int start = lines.indexOf("```announced-addresses");
        assertTrue(start >= 0, "PROTOCOL.md has no announced-addresses block");
        int checked = 0;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.equals("```")) {
                break;
            }
            String[] cells = line.strip().split(" +");
            PeerAddress expected = cells[1].equals("ignored") ? null
                    : new PeerAddress(cells[1], cells[2], Integer.parseInt(cells[3]));
            assertEquals(expected, AnnouncedAddress.parse(cells[0]), line);
            checked++;
        }
        assertTrue(checked >= 10, "rows read: " + checked);
    }

    @Test
    void receiversIgnoreMalformedEntriesOfOtherSchemes() {
        for (String bad : List.of("tcp:10.0.0.1:6666", "tcp:[::1]:7", "local:", "local:a b",
                "local:Zo\u00eb", "Local:a", "local:[a", "local:a]", "local:a:0",
                "1x:a", "a".repeat(17) + ":h", "local:" + "a".repeat(295), "local:\u0007")) {
            assertNull(AnnouncedAddress.parse(bad), bad);
        }
    }

    @Test
    void anAnnounceCarriesLocalAndUnknownSchemesBesideTcp() throws Exception {
        Identity id = Identity.fromSeed(new byte[32]);
        List<PeerAddress> sent = List.of(PeerAddress.tcp("10.1.2.3", 6667),
                PeerAddress.local("a"), new PeerAddress("quic", "10.1.2.3", 443));
        byte[] body = new AnnounceBody("n", id.codename(), 6667, sent, List.of(),
                id.agreementPublicKey()).encode();
        Packet p = PacketCodec.decode(PacketCodec.encode(id, PacketType.ANNOUNCE,
                MessageId.of(new byte[16], 0), 4, 1, 1, body));
        assertEquals(sent, AnnounceBody.decode(p).addresses());
    }

    @Test
    void anAnnounceWithAZoneIdAddressKeepsItsOtherAddresses() throws Exception {
        Identity id = Identity.fromSeed(new byte[32]);
        List<PeerAddress> sent = List.of(PeerAddress.tcp("fe80::1%eth0", 6666),
                PeerAddress.tcp("2001:db8::7", 6666), PeerAddress.tcp("10.1.2.3", 6667));
        byte[] body = new AnnounceBody("n", id.codename(), 6666, sent, List.of(),
                id.agreementPublicKey()).encode();
        Packet p = PacketCodec.decode(PacketCodec.encode(id, PacketType.ANNOUNCE,
                MessageId.of(new byte[16], 0), 4, 1, 1, body));
        assertEquals(List.of(PeerAddress.tcp("2001:db8::7", 6666),
                PeerAddress.tcp("10.1.2.3", 6667)), AnnounceBody.decode(p).addresses());
    }
}
