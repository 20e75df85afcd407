package dev.ghostmesh.internal.group;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.codec.GroupSnapshot;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.StateSeal;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.identity.IdentityFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@value #FILE} in a node's state directory: its group memberships, the creations of
 * those groups and the keys of the protected ones, so that a restart loses none of them.
 *
 * <p>The file is {@code "ghost-groups v1\n"} followed by {@link StateSeal} output over the
 * encoded {@link GroupSnapshot}. The sealing key is derived (HKDF-SHA256, a label of its own)
 * from the identity's X25519 private key, itself derived from the Ed25519 seed, so only this
 * identity can read the file, and the associated data binds it to the node id: the file of
 * another identity, a damaged file or a foreign one fails to open. It is written owner-only to
 * a temporary file, forced to disk and moved into place, so a crash leaves the old file or the
 * new one, never half of one, and never a moment when others could read it.
 *
 * <p>A file that cannot be read or opened is logged in one line and ignored: the node starts
 * without its groups rather than not at all. It is overwritten at the next save.
 *
 * <p>Threading: not thread-safe; the node uses it from one thread at a time (the starting thread
 * for {@link #load}, the node thread for {@link #save}). Both block on file I/O.
 */
final class GroupStore {
    /** Name of the file inside the state directory. */
    static final String FILE = "groups.state";
    /** Larger files are refused unread: a node's groups take a few kilobytes. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final byte[] MAGIC = "ghost-groups v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL =
            "ghost-terminal group state v1".getBytes(StandardCharsets.US_ASCII);
    private static final Logger log = LoggerFactory.getLogger(GroupStore.class);

    private final Path directory;
    private final Path file;
    private final Identity identity;

    GroupStore(Path directory, Identity identity) {
        this.directory = directory;
        this.file = directory.resolve(FILE);
        this.identity = identity;
    }

    /** The saved snapshot, or null if there is none or it cannot be used (logged). */
    GroupSnapshot load() {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IOException("file of " + size + " bytes is larger than "
                        + MAX_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < MAGIC.length
                    || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new IOException("not a ghost-terminal group state file");
            }
            byte[] secret = secret();
            byte[] plain = null;
            try {
                plain = StateSeal.open(secret, associatedData(),
                        Arrays.copyOfRange(bytes, MAGIC.length, bytes.length));
                return GroupSnapshot.decode(plain);
            } finally {
                Arrays.fill(secret, (byte) 0);
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        } catch (IOException | CryptoException | PacketDecodeException | RuntimeException e) {
            log.error("ignoring group state {}: {}; starting without saved groups", file,
                    e.getMessage());
            return null;
        }
    }

    /** Replaces the file with {@code snapshot}; returns false (logged) if that failed. */
    boolean save(GroupSnapshot snapshot) {
        byte[] plain = snapshot.encode();
        byte[] secret = secret();
        Path tmp = null;
        try {
            byte[] sealed = StateSeal.seal(secret, associatedData(), plain);
            IdentityFiles.createOwnerOnlyDirectory(directory);
            Path dir = file.toAbsolutePath().getParent();
            tmp = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, ".groups", ".tmp", PosixFilePermissions
                            .asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".groups", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + sealed.length);
                buffer.put(MAGIC).put(sealed).flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true); // the move must never publish a file whose bytes are not on disk
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("cannot save group state {}: {}", file, e.getMessage());
            return false;
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(secret, (byte) 0);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.debug("cannot remove {}: {}", tmp, e.getMessage());
                }
            }
        }
    }

    /**
     * The file's secret: HKDF-SHA256 with a label of its own over the identity's X25519 private
     * key (itself HKDF of the Ed25519 seed, which the public API does not expose), so the file
     * key is never a key used on the wire.
     */
    private byte[] secret() {
        byte[] agreement = ApiInternals.agreementPrivateKey(identity);
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(agreement, null, LABEL));
            byte[] out = new byte[32];
            hkdf.generateBytes(out, 0, out.length);
            return out;
        } finally {
            Arrays.fill(agreement, (byte) 0);
        }
    }

    private byte[] associatedData() {
        byte[] ad = Arrays.copyOf(MAGIC, MAGIC.length + 16);
        identity.id().writeTo(ad, MAGIC.length);
        return ad;
    }
}
