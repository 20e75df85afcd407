package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.PeerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * ANNOUNCE body: who the origin is, where it can be reached, which groups it is in and which
 * topics it subscribes to.
 *
 * <pre>[username, codename, listen_port, addresses: [str], groups: [str],
 *  agreement_key: bin 32, topics: [str]]</pre>
 *
 * {@code topics} is omitted when empty, so an announce without subscriptions is encoded as
 * before topics existed.
 *
 * The group list makes every announce a full membership statement of its origin (see
 * {@link GroupBodies}). The agreement key is the origin's X25519 key, which private messages
 * to it are sealed to; the origin's signature over the packet vouches for it.
 *
 * @param username the origin's username
 * @param codename the origin's codename (must match its id)
 * @param listenPort the port it listens on, or 0
 * @param addresses where it can be reached
 * @param groups the groups it is a member of
 * @param agreementKey its X25519 public key
 * @param topics the topics it subscribes to (valid names, each once)
 */
public record AnnounceBody(String username, String codename, int listenPort,
        List<PeerAddress> addresses, List<GroupName> groups, byte[] agreementKey,
        List<String> topics) implements PacketBody {
    /** Most topics an announce lists; a node subscribed to more announces the first ones. */
    public static final int MAX_TOPICS = 128;
    /** Most addresses an announce may list. */
    public static final int MAX_ADDRESSES = 16;
    private static final int MAX_CODENAME_BYTES = 64;
    private static final int KEY_BYTES = 32;

    /** Copies the lists. */
    public AnnounceBody {
        addresses = List.copyOf(addresses);
        groups = List.copyOf(groups);
        topics = List.copyOf(topics);
        if (agreementKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an agreement key is 32 bytes");
        }
    }

    /** An announce without topic subscriptions. */
    public AnnounceBody(String username, String codename, int listenPort,
            List<PeerAddress> addresses, List<GroupName> groups, byte[] agreementKey) {
        this(username, codename, listenPort, addresses, groups, agreementKey, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnounceBody b && username.equals(b.username)
                && codename.equals(b.codename) && listenPort == b.listenPort
                && addresses.equals(b.addresses) && groups.equals(b.groups)
                && java.util.Arrays.equals(agreementKey, b.agreementKey)
                && topics.equals(b.topics);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(username, codename, listenPort, addresses, groups)
                * 31 + java.util.Arrays.hashCode(agreementKey);
    }

    /** Encodes this body. */
    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(topics.isEmpty() ? 6 : 7).packString(username).packString(codename)
                    .packInt(listenPort);
            p.packArrayHeader(addresses.size());
            for (PeerAddress a : addresses) {
                p.packString(AnnouncedAddress.text(a));
            }
            GroupBodies.packGroups(p, groups);
            p.packBinaryHeader(KEY_BYTES).writePayload(agreementKey);
            if (!topics.isEmpty()) {
                p.packArrayHeader(topics.size());
                for (String t : topics) {
                    p.packString(t);
                }
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an ANNOUNCE body and checks its codename matches the origin. */
    public static AnnounceBody decode(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(6, 6 + Bodies.MAX_EXTRA_FIELDS, "announce");
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
            List<PeerAddress> addresses = addresses(r);
            List<GroupName> groups = GroupBodies.readGroups(r);
            int keyAt = r.binExact(KEY_BYTES, "agreement key");
            List<String> topics = n > 6 ? topics(r) : List.of();
            r.skipValues(n - Math.min(n, 7), "announce extension");
            r.requireEnd("announce");
            byte[] frame = packet.frame();
            return new AnnounceBody(username, codename, port, addresses, groups,
                    java.util.Arrays.copyOfRange(frame, keyAt, keyAt + KEY_BYTES), topics);
        }
    }

    /**
     * The topics, each once. A name outside the rules is skipped, as an address is: a later
     * version may allow more names, and the rest of the announce stays true.
     */
    private static List<String> topics(SchemaReader r) throws PacketDecodeException {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String t : r.stringList(MAX_TOPICS, TopicNames.MAX_TOPIC_BYTES, "topics")) {
            if (TopicNames.problem(t) == null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The usable addresses. An entry outside the announced forms (a zone id, a link-local or
     * malformed address) is skipped rather than failing the announce: the rest of it, who the
     * origin is and its key, stays true, and an older node may well announce such an entry.
     */
    private static List<PeerAddress> addresses(SchemaReader r) throws PacketDecodeException {
        List<PeerAddress> out = new ArrayList<>();
        for (String text : r.stringList(MAX_ADDRESSES, AnnouncedAddress.MAX_BYTES, "address")) {
            PeerAddress a = AnnouncedAddress.parse(text);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }
}
