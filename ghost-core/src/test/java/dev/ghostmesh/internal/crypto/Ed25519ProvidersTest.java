package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.SignatureProvider;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Choosing an implementation: libsodium must load where CI runs (Linux on x86-64, with
 * libsodium23 installed by {@code .ci/run}) rather than the suite quietly testing BouncyCastle
 * twice; AUTO prefers it; the self-test turns away a wrong one. What each implementation
 * computes is {@link Ed25519VectorsTest}'s subject.
 */
class Ed25519ProvidersTest {
    /** Linux on x86-64: where libsodium must load (CI installs it; so should a developer). */
    static boolean nativeRequired() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void libsodiumLoadsOnLinuxX86AndSaysWhyNotElsewhere() {
        if (nativeRequired()) {
            assertTrue(Ed25519Providers.nativeProvider().isPresent(),
                    "libsodium did not load (install it: apt-get install libsodium23): "
                            + Ed25519Providers.nativeUnavailableReason());
        }
        if (Ed25519Providers.nativeProvider().isPresent()) {
            Ed25519Provider p = Ed25519Providers.nativeProvider().get();
            assertNull(Ed25519Providers.nativeUnavailableReason());
            assertTrue(p.name().matches("libsodium \\d+\\.\\d+\\.\\d+.*"), p.name());
            assertEquals(SignatureProvider.NATIVE, p.kind());
        } else {
            assertNotNull(Ed25519Providers.nativeUnavailableReason());
        }
    }

    @Test
    void autoPicksLibsodiumWhenItLoadedElseBouncyCastle() {
        Ed25519Provider auto = Ed25519Providers.resolve(SignatureProvider.AUTO);
        assertSame(Ed25519Providers.automatic(), auto);
        assertSame(Ed25519Providers.nativeProvider().orElse(Ed25519Providers.bouncyCastle()),
                auto);
        if (nativeRequired()) {
            assertEquals(SignatureProvider.NATIVE, auto.kind());
        }
    }

    @Test
    void theOverridesGiveWhatTheyName() {
        Ed25519Provider bc = Ed25519Providers.resolve(SignatureProvider.BOUNCY_CASTLE);
        assertEquals("BouncyCastle", bc.name());
        assertEquals(SignatureProvider.BOUNCY_CASTLE, bc.kind());
        if (Ed25519Providers.nativeProvider().isPresent()) {
            assertSame(Ed25519Providers.nativeProvider().get(),
                    Ed25519Providers.resolve(SignatureProvider.NATIVE));
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Ed25519Providers.resolve(SignatureProvider.NATIVE));
            assertTrue(e.getMessage().contains(Ed25519Providers.nativeUnavailableReason()));
        }
    }

    @Test
    void theSelfTestPassesBothAndTurnsAwayWrongImplementations() {
        assertNull(Ed25519Providers.selfTestFailure(Ed25519Providers.bouncyCastle()));
        Ed25519Providers.nativeProvider()
                .ifPresent(p -> assertNull(Ed25519Providers.selfTestFailure(p)));
        Ed25519Provider bc = Ed25519Providers.bouncyCastle();
        assertNotNull(Ed25519Providers.selfTestFailure(new Wrapper(bc) {
            @Override
            public byte[] sign(byte[] seed, byte[] pk, byte[] m, int off, int len) {
                byte[] s = super.sign(seed, pk, m, off, len);
                s[63] ^= 1;
                return s;
            }
        }), "a wrong signature");
        assertNotNull(Ed25519Providers.selfTestFailure(new Wrapper(bc) {
            @Override
            public boolean verify(byte[] k, int ko, byte[] s, int so, byte[] m, int off,
                    int len) {
                return true;
            }
        }), "a verifier that accepts anything");
        assertNotNull(Ed25519Providers.selfTestFailure(new Wrapper(bc) {
            @Override
            public boolean verify(byte[] k, int ko, byte[] s, int so, byte[] m, int off,
                    int len) {
                return false;
            }
        }), "a verifier that accepts nothing");
    }

    @Test
    void bothImplementationsAgreeOnRandomKeysAndSignatures() {
        Ed25519Provider other = Ed25519Providers.nativeProvider().orElse(null);
        if (other == null) {
            return; // nothing to compare with; libsodiumLoads... fails where that matters
        }
        Ed25519Provider bc = Ed25519Providers.bouncyCastle();
        Random random = new Random(14);
        byte[] message = HexFormat.of().parseHex("af82");
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[32];
            byte[] sig = new byte[64];
            random.nextBytes(key);
            random.nextBytes(sig);
            sig[63] &= 0x0f; // S below 2^252, so some get past the scalar check
            assertEquals(bc.verify(key, 0, sig, 0, message, 0, 2),
                    other.verify(key, 0, sig, 0, message, 0, 2), "key " + i);
        }
    }

    /** Delegates everything; tests override one method to break it. */
    private static class Wrapper implements Ed25519Provider {
        private final Ed25519Provider inner;

        Wrapper(Ed25519Provider inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public SignatureProvider kind() {
            return inner.kind();
        }

        @Override
        public byte[] sign(byte[] seed, byte[] pk, byte[] m, int off, int len) {
            return inner.sign(seed, pk, m, off, len);
        }

        @Override
        public boolean verify(byte[] k, int ko, byte[] s, int so, byte[] m, int off, int len) {
            return inner.verify(k, ko, s, so, m, off, len);
        }
    }

    @Test
    void rangesOutsideTheirArraysThrowBeforeReachingNativeCode() {
        for (Ed25519Provider p : Ed25519VectorsTest.providers().toList()) {
            byte[] ok = new byte[64];
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.verify(new byte[31], 0, ok, 0, ok, 0, 1), p.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.verify(ok, 40, ok, 0, ok, 0, 1), p.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.verify(ok, 0, ok, 1, ok, 0, 1), p.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.verify(ok, 0, ok, 0, ok, 60, 5), p.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.sign(new byte[31], ok, ok, 0, 1), p.name());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> p.sign(ok, ok, ok, -1, 1), p.name());
            assertFalse(p.verify(ok, 0, ok, 0, ok, 0, 0), p.name() + ": all zeros");
        }
    }
}
