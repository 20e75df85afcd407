package dev.ghostmesh.internal.node;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Creating and joining password-protected groups in three steps: check on the node thread (so
 * a create of a name that exists fails at once, not after a second of Argon2id), derive the
 * key on the {@link KeyDerivation} thread, then apply on the node thread, where the state is
 * checked again because it may have changed while the key was derived. A join compares the
 * key's verifier with the creation's before anything is sent, so a wrong password is reported
 * to the caller and nothing about it reaches the mesh.
 *
 * <p>Threading: {@link #create}, {@link #join} and {@link #close} may be called from any
 * thread; the steps run as described; the futures complete on the common pool.
 */
final class PasswordGroups {
    private final GroupService groups;
    private final KeyDerivation kdf;

    PasswordGroups(GroupService groups, KeyDerivation kdf) {
        this.groups = groups;
        this.kdf = kdf;
    }

    CompletableFuture<GroupInfo> create(GroupName name, char[] password, KdfParams params) {
        Objects.requireNonNull(name, "name");
        char[] copy = copyOf(password);
        return finish(copy, groups.run(() -> {
            groups.checkCreatable(name);
            return params;
        }).thenCompose(p -> kdf.derive(copy, name, p)).thenCompose(key -> groups.run(
                () -> withKey(key, k -> groups.createNow(name,
                        new Protection(params, GroupKeys.verifier(k)), k)))));
    }

    CompletableFuture<GroupInfo> join(GroupName name, char[] password) {
        Objects.requireNonNull(name, "name");
        char[] copy = copyOf(password);
        return finish(copy, groups.run(() -> groups.protectionToJoin(name))
                .thenCompose(protection -> kdf.derive(copy, name, protection.params())
                        .thenApply(key -> withKey(key, k -> checked(name, protection, k)))
                        .thenCompose(key -> groups.run(() -> withKey(key,
                                k -> groups.joinNow(name, protection, k))))));
    }

    void close() {
        kdf.close();
    }

    /** Returns the key if its verifier is the creation's; throws WRONG_PASSWORD otherwise. */
    private static byte[] checked(GroupName name, Protection protection, byte[] key) {
        // Constant time, out of habit: the verifier is public, the key is not.
        if (!MessageDigest.isEqual(GroupKeys.verifier(key), protection.verifier())) {
            throw GroupService.wrongPassword(name);
        }
        return key;
    }

    /** Applies {@code step} to {@code key}; if it fails, the key is cleared before rethrowing. */
    private static <T> T withKey(byte[] key, Function<byte[], T> step) {
        try {
            return step.apply(key);
        } catch (RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
    }

    /**
     * The caller may clear its array as soon as the call returns, while the key is derived
     * later: work on a copy, and clear the copy however the operation ends.
     */
    private static char[] copyOf(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        return password.clone();
    }

    private static <T> CompletableFuture<T> finish(char[] password, CompletableFuture<T> f) {
        return NodeLoop.handOff(f.whenComplete((v, e) -> Arrays.fill(password, '\0')));
    }
}
