package dev.ghostmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.internal.crypto.Signatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path temp;

    @Test
    void sameHomeGivesTheSameIdentityAfterARestart() {
        Path home = temp.resolve("home");
        Identity first = Identity.loadOrCreate(home);
        Identity again = Identity.loadOrCreate(home);
        assertEquals(first.id(), again.id());
        assertTrue(Arrays.equals(first.publicKey(), again.publicKey()));
    }

    @Test
    void differentHomesGiveDifferentIdentities() {
        assertNotEquals(Identity.loadOrCreate(temp.resolve("a")).id(),
                Identity.loadOrCreate(temp.resolve("b")).id());
    }

    @Test
    void keyFileAndHomeAreOwnerOnly() throws Exception {
        Path home = temp.resolve("nested/home");
        Identity.loadOrCreate(home);
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("identity.key"))));
        try (var files = Files.list(home)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void corruptKeyFileFailsWithAClearMessage() throws Exception {
        Path home = temp.resolve("corrupt");
        Files.createDirectories(home);
        Files.writeString(home.resolve("identity.key"), "not a key\n");
        MeshException e = assertThrows(MeshException.class, () -> Identity.loadOrCreate(home));
        assertTrue(e.getMessage().contains("identity.key"), e.getMessage());
        assertTrue(e.getMessage().contains("bad header"), e.getMessage());
    }

    @Test
    void nodeIdIsTheFirst16BytesOfSha256OfThePublicKey() throws Exception {
        Identity id = Identity.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.publicKey());
        assertTrue(Arrays.equals(Arrays.copyOf(digest, 16), id.id().bytes()));
        assertEquals(32, id.id().hex().length());
        assertTrue(id.id().hex().matches("[0-9a-f]{32}"));
        assertEquals(id.id().hex().substring(0, 8), id.id().shortHex());
        assertEquals(id.id(), NodeId.parse(id.id().hex()));
    }

    @Test
    void codenameIsADeterministicAdjectiveNounPair() {
        byte[] seed = new byte[32];
        seed[5] = 9;
        Identity a = Identity.fromSeed(seed);
        Identity b = Identity.fromSeed(seed);
        assertEquals(a.codename(), b.codename());
        assertTrue(a.codename().matches("[a-z]+-[a-z]+"), a.codename());
        assertNotEquals(Identity.generate().id(), a.id());
    }

    @Test
    void signaturesVerifyOnlyForTheSignedBytesAndKey() {
        Identity alice = Identity.generate();
        Identity bob = Identity.generate();
        byte[] msg = "hello".getBytes();
        byte[] sig = alice.sign(SignatureProvider.AUTO, msg, 0, msg.length);
        assertTrue(Signatures.verify(alice.publicKey(), sig, msg, 0, msg.length));
        assertFalse(Signatures.verify(bob.publicKey(), sig, msg, 0, msg.length));
        msg[0] = 'j';
        assertFalse(Signatures.verify(alice.publicKey(), sig, msg, 0, msg.length));
    }
}
