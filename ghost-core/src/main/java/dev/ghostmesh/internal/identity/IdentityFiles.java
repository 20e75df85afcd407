package dev.ghostmesh.internal.identity;

import dev.ghostmesh.MeshException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and writes the identity key file ({@code identity.key}) in a node's home directory.
 * The file is a small text file: a header line and the base64 Ed25519 seed. It is written to a
 * temporary file with owner-only permissions and moved into place, so a crash never leaves a
 * half-written key and the key is never readable by others, not even for a moment.
 */
public final class IdentityFiles {
    /** Name of the key file inside the home directory. */
    public static final String KEY_FILE = "identity.key";
    private static final String HEADER = "ghost-terminal ed25519 seed v1";
    private static final Set<PosixFilePermission> OWNER_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR =
            PosixFilePermissions.fromString("rwx------");

    private IdentityFiles() {}

    /** Loads the seed from {@code home}, or stores a new one from {@code fresh}. */
    public static byte[] loadOrCreateSeed(Path home, Supplier<byte[]> fresh) {
        Path key = home.resolve(KEY_FILE);
        try {
            createOwnerOnlyDirectory(home);
            if (Files.exists(key)) {
                return read(key);
            }
            byte[] seed = fresh.get();
            write(key, seed);
            return seed;
        } catch (IOException e) {
            throw new MeshException("cannot use identity file " + key + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) readable by its owner only, if it does not exist. */
    public static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            if (isPosix(dir.toAbsolutePath().getParent())) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between the check and here: fine.
        }
    }

    private static byte[] read(Path key) throws IOException {
        List<String> lines = Files.readAllLines(key, StandardCharsets.US_ASCII);
        if (lines.size() < 2 || !HEADER.equals(lines.get(0).trim())) {
            throw new IOException("not a ghost-terminal identity file (bad header)");
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(lines.get(1).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt identity file (bad base64)");
        }
        if (seed.length != 32) {
            throw new IOException("corrupt identity file (seed is " + seed.length + " bytes)");
        }
        return seed;
    }

    private static void write(Path key, byte[] seed) throws IOException {
        Path dir = key.toAbsolutePath().getParent();
        Path tmp = isPosix(dir)
                ? Files.createTempFile(dir, ".identity", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".identity", ".tmp");
        try {
            String text = HEADER + "\n" + Base64.getEncoder().encodeToString(seed) + "\n";
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isPosix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
