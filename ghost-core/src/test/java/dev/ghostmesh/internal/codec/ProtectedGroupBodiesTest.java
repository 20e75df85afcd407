package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.GroupBodies.GroupMessage;
import dev.ghostmesh.internal.codec.GroupBodies.Membership;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The wire forms of protected groups: the protection field of GROUP_CREATE (with exact bytes,
 * as PROTOCOL.md documents them), bounds on the Argon2id costs, and the two GROUP forms told
 * apart by the type of their second field.
 */
class ProtectedGroupBodiesTest {
    private static final Identity ALICE = Identity.generate();
    private static final GroupName DEV = GroupName.of("Dev");
    private static final byte[] VERIFIER = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            VERIFIER[i] = (byte) i;
        }
    }

    private static Packet decode(int type, byte[] body) throws PacketDecodeException {
        return PacketCodec.decode(PacketCodec.encode(ALICE, type,
                MessageId.random(new Random(type)), 8, 1_780_000_000_000L, 1, body));
    }

    /** A creation body whose fourth field is written by {@code protection}. */
    private static byte[] creation(PackAction protection) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4);
            p.packBinaryHeader(16).writePayload(ALICE.id().bytes());
            p.packString("Dev").packArrayHeader(1).packString("Dev");
            protection.pack(p);
            return p.toByteArray();
        }
    }

    interface PackAction {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static PackAction argon2(String alg, long memory, long iterations, long lanes) {
        return p -> {
            p.packArrayHeader(5).packString(alg).packLong(memory).packLong(iterations)
                    .packLong(lanes);
            p.packBinaryHeader(32).writePayload(VERIFIER);
        };
    }

    @Test
    void aProtectedCreationRoundTripsWithTheDocumentedBytes() throws Exception {
        var protection = new Protection(new KdfParams(65536, 3, 1), VERIFIER);
        var create = new Membership(ALICE.id(), DEV, List.of(DEV), protection);
        byte[] body = GroupBodies.membership(create);
        assertEquals(create, GroupBodies.decodeMembership(decode(PacketType.GROUP_CREATE, body)));
        // [..., ["argon2id", 65536, 3, 1, bin8 32 verifier]]
        String tail = "95" + "a8" + HexFormat.of().formatHex("argon2id".getBytes())
                + "ce00010000" + "03" + "01" + "c420" + HexFormat.of().formatHex(VERIFIER);
        assertTrue(HexFormat.of().formatHex(body).endsWith(tail), HexFormat.of().formatHex(body));
        assertEquals((byte) 0x94, body[0], "four fields");
    }

    @Test
    void anOpenCreationHasThreeFieldsAndAnExplicitNilIsOpenToo() throws Exception {
        byte[] open = GroupBodies.membership(new Membership(ALICE.id(), DEV, List.of(DEV)));
        assertEquals((byte) 0x93, open[0], "an open creation looks as it did before protection");
        assertNull(GroupBodies.decodeMembership(decode(PacketType.GROUP_CREATE, open))
                .protection());
        assertNull(GroupBodies.decodeMembership(decode(PacketType.GROUP_CREATE,
                creation(MessageBufferPacker::packNil))).protection());
    }

    @Test
    void aFourthFieldOfAJoinIsAnExtensionAndIgnored() throws Exception {
        Membership m = GroupBodies.decodeMembership(decode(PacketType.GROUP_JOIN,
                creation(argon2("argon2id", 64, 1, 1))));
        assertNull(m.protection(), "only a creation says whether a group is protected");
    }

    @Test
    void costsOutOfBoundsOrAnotherAlgorithmAreMalformed() throws Exception {
        long max = KdfParams.MAX_MEMORY_KIB;
        for (PackAction bad : List.of(argon2("argon2id", max + 1, 1, 1),
                argon2("argon2id", 64, 11, 1), argon2("argon2id", 64, 0, 1),
                argon2("argon2id", 64, 1, 5), argon2("argon2id", 7, 1, 1),
                argon2("argon2id", 16, 1, 4), argon2("argon2id", 1L << 40, 1, 1),
                argon2("scrypt", 64, 1, 1), argon2("argon2id", -1, 1, 1))) {
            Packet p = decode(PacketType.GROUP_CREATE, creation(bad));
            assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeMembership(p));
        }
        PackAction shortVerifier = p -> {
            p.packArrayHeader(5).packString("argon2id").packInt(64).packInt(1).packInt(1);
            p.packBinaryHeader(31).writePayload(new byte[31]);
        };
        Packet p = decode(PacketType.GROUP_CREATE, creation(shortVerifier));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeMembership(p));
        Packet atBounds = decode(PacketType.GROUP_CREATE,
                creation(argon2("argon2id", max, 10, 4)));
        assertEquals(new KdfParams((int) max, 10, 4),
                GroupBodies.decodeMembership(atBounds).protection().params());
    }

    @Test
    void aGroupMessageIsPlainWithAStringAndSealedWithBinary() throws Exception {
        GroupMessage plain = GroupBodies.decodeGroupMessage(decode(PacketType.GROUP,
                GroupBodies.groupMessage(DEV, "hi")));
        assertFalse(plain.isSealed());
        assertEquals("hi", plain.text());
        byte[] sealed = new byte[40];
        sealed[0] = 9;
        GroupMessage s = GroupBodies.decodeGroupMessage(decode(PacketType.GROUP,
                GroupBodies.sealedGroupMessage(DEV, sealed)));
        assertTrue(s.isSealed());
        assertNull(s.text());
        assertArrayEquals(sealed, s.sealed());
        assertEquals(new GroupMessage(DEV, null, sealed), s);
    }

    @Test
    void sealedFormsShorterThanATagOrLongerThanTheLimitAreMalformed() throws Exception {
        Packet tiny = decode(PacketType.GROUP, GroupBodies.sealedGroupMessage(DEV, new byte[15]));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeGroupMessage(tiny));
        Packet huge = decode(PacketType.GROUP, GroupBodies.sealedGroupMessage(DEV,
                new byte[GroupBodies.MAX_SEALED_BYTES + 1]));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeGroupMessage(huge));
        Packet number = decode(PacketType.GROUP, packed(p -> p.packArrayHeader(2)
                .packString("Dev").packInt(5)));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeGroupMessage(number));
    }

    @Test
    void sealedContentIsAOneElementArrayOfText() throws Exception {
        assertEquals("héllo", GroupBodies.decodeSealedContent(GroupBodies.sealedContent("héllo")));
        assertThrows(PacketDecodeException.class,
                () -> GroupBodies.decodeSealedContent(packed(p -> p.packArrayHeader(1)
                        .packInt(1))));
        assertThrows(PacketDecodeException.class,
                () -> GroupBodies.decodeSealedContent(new byte[] {(byte) 0x91}));
    }

    private static byte[] packed(PackAction action) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            action.pack(p);
            return p.toByteArray();
        }
    }
}
