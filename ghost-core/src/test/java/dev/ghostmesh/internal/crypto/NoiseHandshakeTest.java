package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wrapper's own contract, on real random keys (the vectors cover the bytes). */
class NoiseHandshakeTest {
    private static final byte[] PROLOGUE = "ghost-terminal/1".getBytes(StandardCharsets.US_ASCII);
    private final Identity alice = Identity.generate();
    private final Identity bob = Identity.generate();

    @Test
    void twoIdentitiesHandshakeLearnEachOthersKeysAndTalk() throws CryptoException {
        NoiseHandshake dialer = NoiseHandshake.initiator(PROLOGUE, secret(alice));
        NoiseHandshake acceptor = NoiseHandshake.responder(PROLOGUE, secret(bob));
        assertTrue(dialer.mustWrite() && acceptor.mustRead());
        acceptor.read(dialer.write(new byte[0]));
        byte[] bobProof = "bob's signed identity".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bobProof, dialer.read(acceptor.write(bobProof)));
        byte[] aliceProof = "alice's signed identity".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(aliceProof, acceptor.read(dialer.write(aliceProof)));

        assertTrue(dialer.done() && acceptor.done());
        assertArrayEquals(bob.agreementPublicKey(), dialer.remoteStatic());
        assertArrayEquals(alice.agreementPublicKey(), acceptor.remoteStatic());
        assertArrayEquals(dialer.handshakeHash(), acceptor.handshakeHash());
        LinkCipher dialerCipher = dialer.split();
        LinkCipher acceptorCipher = acceptor.split();
        byte[] frame = new byte[1400];
        Arrays.fill(frame, (byte) 7);
        assertArrayEquals(frame, acceptorCipher.decrypt(dialerCipher.encrypt(frame)));
        assertArrayEquals(frame, dialerCipher.decrypt(acceptorCipher.encrypt(frame)));
    }

    @Test
    void thePeersStaticKeyIsUnavailableUntilItArrives() throws CryptoException {
        NoiseHandshake dialer = NoiseHandshake.initiator(PROLOGUE, secret(alice));
        NoiseHandshake acceptor = NoiseHandshake.responder(PROLOGUE, secret(bob));
        acceptor.read(dialer.write(new byte[0]));
        assertThrows(IllegalStateException.class, dialer::remoteStatic);
        assertThrows(IllegalStateException.class, acceptor::remoteStatic);
        dialer.read(acceptor.write(new byte[0]));
        assertArrayEquals(bob.agreementPublicKey(), dialer.remoteStatic());
    }

    @Test
    void aTruncatedOrAlteredHandshakeMessageIsACryptoException() throws CryptoException {
        NoiseHandshake dialer = NoiseHandshake.initiator(PROLOGUE, secret(alice));
        NoiseHandshake acceptor = NoiseHandshake.responder(PROLOGUE, secret(bob));
        acceptor.read(dialer.write(new byte[0]));
        byte[] second = acceptor.write(new byte[0]);
        assertThrows(CryptoException.class,
                () -> dialer.read(Arrays.copyOf(second, second.length - 1)));

        NoiseHandshake dialer2 = NoiseHandshake.initiator(PROLOGUE, secret(alice));
        NoiseHandshake acceptor2 = NoiseHandshake.responder(PROLOGUE, secret(bob));
        acceptor2.read(dialer2.write(new byte[0]));
        byte[] altered = acceptor2.write(new byte[0]);
        altered[40] ^= 1;
        assertThrows(CryptoException.class, () -> dialer2.read(altered));
        assertFalse(dialer2.done());
    }

    @Test
    void privateKeysOfTheWrongLengthAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> NoiseHandshake.initiator(PROLOGUE, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> NoiseHandshake.withFixedEphemeral(
                false, PROLOGUE, new byte[32], new byte[16]));
    }

    @Test
    void writingOutOfTurnIsAProgrammingError() {
        NoiseHandshake acceptor = NoiseHandshake.responder(PROLOGUE, secret(bob));
        assertThrows(IllegalStateException.class, () -> acceptor.write(new byte[0]));
        assertThrows(IllegalStateException.class, acceptor::split);
    }

    private static byte[] secret(Identity identity) {
        return ApiInternals.agreementPrivateKey(identity);
    }
}
