package dev.ghostmesh.internal.node;

import static dev.ghostmesh.internal.node.ProtocolVectors.TIMESTAMP;
import static dev.ghostmesh.internal.node.ProtocolVectors.counting;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.PrivateContent;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.group.GroupKeyring;
import dev.ghostmesh.internal.messaging.PrivateMessaging;
import dev.ghostmesh.internal.messaging.SequenceSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The vectors PROTOCOL.md added for issue 13 (a codename, an ANNOUNCE, a password-protected
 * group's creation, key and sealed message, a receipt, a handshake with a network key), built
 * like {@link ProtocolVectors}' with the code on the wire. The salt is computed here from its
 * definition, not by the code, as a check on both.
 */
final class MoreProtocolVectors {
    private static final HexFormat HEX = HexFormat.of();
    static final String PASSWORD = "ghost terminal example password";
    static final KdfParams KDF = new KdfParams(1024, 2, 2);

    private MoreProtocolVectors() {}

    static void addTo(Map<String, String> v, Identity alice, Identity bob, MessageId privateId)
            throws Exception {
        v.put("alice.codename", alice.codename());
        v.put("bob.codename", bob.codename());
        long aliceSeq = TIMESTAMP << SequenceSource.COUNTER_BITS;

        GroupName dev = GroupName.of("Dev");
        byte[] announce = new AnnounceBody("alice", alice.codename(), 6666,
                List.of(PeerAddress.tcp("192.0.2.7", 6666), PeerAddress.tcp("2001:db8::7", 6666)),
                List.of(dev), alice.agreementPublicKey()).encode();
        v.put("announce.body", HEX.formatHex(announce));
        v.put("announce.envelope", HEX.formatHex(PacketCodec.encode(alice, PacketType.ANNOUNCE,
                MessageId.of(counting(0xb0, 16), 0), 16, TIMESTAMP + 2, aliceSeq + 2, announce)));

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("ghost-terminal group v1".getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        v.put("group.salt", HEX.formatHex(sha256.digest(
                dev.key().getBytes(StandardCharsets.UTF_8))));
        byte[] key = GroupKeys.deriveKey(PASSWORD, dev.key(), KDF);
        byte[] verifier = GroupKeys.verifier(key);
        v.put("group.key", HEX.formatHex(key));
        v.put("group.verifier", HEX.formatHex(verifier));
        byte[] create = GroupBodies.membership(new GroupBodies.Membership(alice.id(), dev,
                List.of(dev), new GroupBodies.Protection(KDF, verifier)));
        v.put("group.create_body", HEX.formatHex(create));
        v.put("group.create_envelope", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.GROUP_CREATE, MessageId.of(counting(0xc0, 16), 0), 16, TIMESTAMP + 3,
                aliceSeq + 3, create)));
        MessageId groupMessageId = MessageId.of(counting(0xd0, 16), 0);
        v.put("group.content", HEX.formatHex(GroupBodies.sealedContent("hello group")));
        v.put("group.context", HEX.formatHex(GroupKeyring.context(alice.id(), dev)));
        byte[] sealed = GroupKeyring.seal(key, groupMessageId, alice.id(), dev,
                "hello group");
        v.put("group.sealed", HEX.formatHex(sealed));
        v.put("group.message_envelope", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.GROUP, groupMessageId, 16, TIMESTAMP + 4, aliceSeq + 4,
                GroupBodies.sealedGroupMessage(dev, sealed))));

        // Bob's receipt for alice's private message: his first packet, so his seq counter is 0.
        MessageId receiptId = MessageId.of(counting(0xe0, 16), 0);
        byte[] context = PrivateMessaging.context(receiptId, bob.id(), alice.id());
        PrivateBox.Sealed receipt = PrivateBox.sealWithEphemeral(bob, counting(0xc0, 32),
                alice.agreementPublicKey(), context, PrivateContent.receipt(privateId));
        v.put("receipt.context", HEX.formatHex(context));
        v.put("receipt.ephemeral_public", HEX.formatHex(receipt.ephemeralPublic()));
        v.put("receipt.sealed", HEX.formatHex(receipt.ciphertext()));
        v.put("receipt.envelope", HEX.formatHex(PacketCodec.encode(bob, PacketType.PRIVATE,
                receiptId, 16, TIMESTAMP + 5, TIMESTAMP << SequenceSource.COUNTER_BITS,
                Bodies.privateMessage(alice.id(), bob.agreementPublicKey(),
                        receipt.ephemeralPublic(), receipt.ciphertext()))));

        keyedHandshake(v, alice, bob);
    }

    /** The handshake of ProtocolVectors again, on the network of the example key. */
    private static void keyedHandshake(Map<String, String> v, Identity alice, Identity bob)
            throws Exception {
        byte[] prologue = LinkFrames.prologue(LinkFrames.networkId(ProtocolVectors.NETWORK_KEY));
        v.put("prologue.example", HEX.formatHex(prologue));
        ProtocolVectors.handshake(v, "keyed", prologue, alice, bob);
    }
}
