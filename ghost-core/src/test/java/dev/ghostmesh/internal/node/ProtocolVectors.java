package dev.ghostmesh.internal.node;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.PrivateContent;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.messaging.PrivateMessaging;
import dev.ghostmesh.internal.messaging.SequenceSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the hex test vectors published in PROTOCOL.md from fixed inputs, with the code
 * that runs on the wire: the document lists them, {@code ProtocolVectorsTest} checks that the
 * two agree. Inputs: byte sequences counting up from a start value, so anyone can rebuild them.
 */
final class ProtocolVectors {
    private static final HexFormat HEX = HexFormat.of();
    static final long TIMESTAMP = 1_700_000_000_000L;
    static final String NETWORK_KEY = "ghost-terminal example network key";

    private ProtocolVectors() {}

    /** {@code n} bytes start, start+1, ... */
    /**
     * Alice (initiator, ephemeral 0x40..) and bob (responder, ephemeral 0x60..) run the XX
     * handshake on {@code prologue} with the usual payloads; the three messages and the hash go
     * into {@code v} under {@code prefix}. Returns {initiator, responder}, ready to split.
     */
    static NoiseHandshake[] handshake(Map<String, String> v, String prefix, byte[] prologue,
            Identity alice, Identity bob) throws Exception {
        NoiseHandshake init = NoiseHandshake.withFixedEphemeral(true, prologue,
                ApiInternals.agreementPrivateKey(alice), counting(0x40, 32));
        NoiseHandshake resp = NoiseHandshake.withFixedEphemeral(false, prologue,
                ApiInternals.agreementPrivateKey(bob), counting(0x60, 32));
        byte[] m1 = init.write(new byte[0]);
        resp.read(m1);
        byte[] m2 = resp.write(LinkFrames.handshakePayload(bob, "bob", 6666));
        init.read(m2);
        byte[] m3 = init.write(LinkFrames.handshakePayload(alice, "alice", 0));
        resp.read(m3);
        v.put(prefix + ".message1", HEX.formatHex(m1));
        v.put(prefix + ".message2", HEX.formatHex(m2));
        v.put(prefix + ".message3", HEX.formatHex(m3));
        v.put(prefix + ".hash", HEX.formatHex(resp.handshakeHash()));
        return new NoiseHandshake[] {init, resp};
    }

    static byte[] counting(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    static Map<String, String> compute() throws Exception {
        Map<String, String> v = new LinkedHashMap<>();
        Identity alice = Identity.fromSeed(counting(0x00, 32));
        Identity bob = Identity.fromSeed(counting(0x20, 32));
        for (var e : java.util.List.of(Map.entry("alice", alice), Map.entry("bob", bob))) {
            String n = e.getKey();
            Identity id = e.getValue();
            v.put(n + ".ed25519_public", HEX.formatHex(id.publicKey()));
            v.put(n + ".node_id", id.id().hex());
            v.put(n + ".x25519_private", HEX.formatHex(ApiInternals.agreementPrivateKey(id)));
            v.put(n + ".x25519_public", HEX.formatHex(id.agreementPublicKey()));
        }
        byte[] openPrologue = LinkFrames.prologue(LinkFrames.networkId(null));
        v.put("prologue.open", HEX.formatHex(openPrologue));
        v.put("network_id.example", HEX.formatHex(LinkFrames.networkId(NETWORK_KEY)));

        byte[] alicePayload = LinkFrames.handshakePayload(alice, "alice", 0);
        byte[] bobPayload = LinkFrames.handshakePayload(bob, "bob", 6666);
        v.put("handshake.alice_payload", HEX.formatHex(alicePayload));
        v.put("handshake.bob_payload", HEX.formatHex(bobPayload));
        NoiseHandshake[] ends = handshake(v, "handshake", openPrologue, alice, bob);
        LinkCipher aliceCipher = ends[0].split();
        LinkCipher bobCipher = ends[1].split();
        byte[] accept = LinkFrames.keepalive(PacketType.ACCEPT);
        v.put("link.accept_plaintext", HEX.formatHex(accept));
        v.put("link.accept_frame", HEX.formatHex(bobCipher.encrypt(accept)));
        byte[] ping = LinkFrames.keepalive(PacketType.PING);
        v.put("link.first_frame_from_alice", HEX.formatHex(aliceCipher.encrypt(ping)));

        long seq = TIMESTAMP << SequenceSource.COUNTER_BITS;
        byte[] broadcast = PacketCodec.encode(alice, PacketType.BROADCAST,
                MessageId.of(counting(0x80, 16), 0), 16, TIMESTAMP, seq, Bodies.broadcast("hello"));
        v.put("envelope.broadcast", HEX.formatHex(broadcast));
        v.put("envelope.broadcast_relayed", HEX.formatHex(
                PacketCodec.decode(broadcast).withTtl(15)));

        MessageId privateId = MessageId.of(counting(0x90, 16), 0);
        byte[] content = PrivateContent.text("hi bob");
        byte[] context = PrivateMessaging.context(privateId, alice.id(), bob.id());
        PrivateBox.Sealed sealed = PrivateBox.sealWithEphemeral(alice, counting(0xa0, 32),
                bob.agreementPublicKey(), context, content);
        v.put("private.content", HEX.formatHex(content));
        v.put("private.context", HEX.formatHex(context));
        v.put("private.ephemeral_public", HEX.formatHex(sealed.ephemeralPublic()));
        v.put("private.sealed", HEX.formatHex(sealed.ciphertext()));
        byte[] body = Bodies.privateMessage(bob.id(), alice.agreementPublicKey(),
                sealed.ephemeralPublic(), sealed.ciphertext());
        byte[] privatePacket = PacketCodec.encode(alice, PacketType.PRIVATE, privateId, 16,
                TIMESTAMP + 1, seq + 1, body);
        v.put("private.envelope", HEX.formatHex(privatePacket));
        v.put("private.receipt_content", HEX.formatHex(PrivateContent.receipt(privateId)));
        Packet check = PacketCodec.decode(privatePacket);
        if (!check.verify()) {
            throw new IllegalStateException("vector envelope does not verify");
        }

        // The open profile: the same two nodes on the open network, alice dialing bob.
        byte[] openNetwork = LinkFrames.networkId(null);
        v.put("open.start_from_alice", HEX.formatHex(OpenLinkFrames.start(openNetwork)));
        v.put("open.hello_from_bob", HEX.formatHex(
                OpenLinkFrames.hello(bob, "bob", 6666, openNetwork)));
        v.put("open.hello_from_alice", HEX.formatHex(
                OpenLinkFrames.hello(alice, "alice", 0, openNetwork)));
        v.put("open.mismatch", HEX.formatHex(OpenLinkFrames.mismatch()));
        v.put("open.envelope_broadcast", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.BROADCAST, MessageId.of(counting(0x80, 16), 0), 16, TIMESTAMP, seq,
                Bodies.broadcast("hello"), false)));
        MoreProtocolVectors.addTo(v, alice, bob, privateId);
        DataPlaneVectors.addTo(v, alice, bob);
        return v;
    }

    /** Prints the block for PROTOCOL.md. */
    public static void main(String[] args) throws Exception {
        System.out.println("```vectors");
        compute().forEach((k, val) -> System.out.println(k + " = " + val));
        System.out.println("```");
    }
}
