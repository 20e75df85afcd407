package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.spi.PeerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * ANNOUNCE body: who the origin is, where it can be reached, and which groups it is in.
 *
 * <pre>[username, codename, listen_port, addresses: [str "host:port"], groups: [str]]</pre>
 *
 * The group list makes every announce a full membership statement of its origin (see
 * {@link GroupBodies}). Older encoders send only the first three fields.
 *
 * @param username the origin's username
 * @param codename the origin's codename (must match its id)
 * @param listenPort the port it listens on, or 0
 * @param addresses where it can be reached
 * @param groups the groups it is a member of
 */
public record AnnounceBody(String username, String codename, int listenPort,
        List<PeerAddress> addresses, List<GroupName> groups) {
    /** Most addresses an announce may list. */
    public static final int MAX_ADDRESSES = 16;
    private static final int MAX_ADDRESS_BYTES = 300;
    private static final int MAX_CODENAME_BYTES = 64;

    /** Copies the lists. */
    public AnnounceBody {
        addresses = List.copyOf(addresses);
        groups = List.copyOf(groups);
    }

    /** Encodes this body. */
    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5).packString(username).packString(codename).packInt(listenPort);
            p.packArrayHeader(addresses.size());
            for (PeerAddress a : addresses) {
                p.packString(a.toString());
            }
            GroupBodies.packGroups(p, groups);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an ANNOUNCE body and checks its codename matches the origin. */
    public static AnnounceBody decode(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(3, 5 + Bodies.MAX_EXTRA_FIELDS, "announce");
            String username = r.string(TextRules.MAX_USERNAME_BYTES, "username");
            String problem = TextRules.usernameProblem(username);
            if (problem != null) {
                throw new PacketDecodeException("username " + problem);
            }
            String codename = r.string(MAX_CODENAME_BYTES, "codename");
            if (!codename.equals(packet.origin().codename())) {
                throw new PacketDecodeException("codename does not match the origin id");
            }
            int port = r.intValue(0, 65535, "listen port");
            List<PeerAddress> addresses = n > 3 ? addresses(r) : List.of();
            List<GroupName> groups = n > 4 ? GroupBodies.readGroups(r) : List.of();
            r.skipValues(Math.max(0, n - 5), "announce extension");
            r.requireEnd("announce");
            return new AnnounceBody(username, codename, port, addresses, groups);
        }
    }

    private static List<PeerAddress> addresses(SchemaReader r) throws PacketDecodeException {
        List<PeerAddress> out = new ArrayList<>();
        for (String text : r.stringList(MAX_ADDRESSES, MAX_ADDRESS_BYTES, "address")) {
            try {
                out.add(PeerAddress.parse(text, PeerAddress.DEFAULT_PORT));
            } catch (IllegalArgumentException e) {
                throw new PacketDecodeException("address: " + e.getMessage());
            }
        }
        return out;
    }
}
