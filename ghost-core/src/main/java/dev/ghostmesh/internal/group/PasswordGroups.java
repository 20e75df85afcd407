package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.runtime.NodeLoop;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
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
    private final NodeLoop loop;

    PasswordGroups(GroupService groups, KeyDerivation kdf, NodeLoop loop) {
        this.groups = groups;
        this.kdf = kdf;
        this.loop = loop;
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
        return finish(copy, groups.run(() -> protectionToJoin(name))
                .thenCompose(protection -> kdf.derive(copy, name, protection.params())
                        .thenApply(key -> withKey(key, k -> checked(name, protection, k)))
                        .thenCompose(key -> groups.run(() -> withKey(key,
                                k -> joinNow(name, protection, k))))));
    }

    void close() {
        kdf.close();
    }

    /**
     * What a join with a password needs to know before deriving: the group's protection. Fails
     * if the group is unknown or open, or this node is already in it with its key.
     */
    private Protection protectionToJoin(GroupName name) {
        GroupState state = groups.state();
        groups.requireKnown(name);
        Protection p = state.protection(name);
        GroupName shown = state.info(name).name();
        if (p == null) {
            throw new GroupException(Reason.NOT_PROTECTED, name,
                    "#" + shown + " is not protected: join it without a password");
        }
        if (!groups.own().contains(name)) {
            groups.withGroup(name);
        } else if (groups.keyring().keyFor(name, p) != null) {
            throw new GroupException(Reason.ALREADY_A_MEMBER, name,
                    "already a member of " + shown);
        }
        return p;
    }

    /**
     * Joins a protected group with a key whose verifier matched {@code checked}; fails if the
     * group's winning creation changed meanwhile to one the key does not fit. A member without
     * the key (another creation of the name won since it joined) only takes the key.
     */
    private GroupInfo joinNow(GroupName name, Protection checked, byte[] key) {
        GroupState state = groups.state();
        GroupKeyring keyring = groups.keyring();
        Protection now = state.protection(name);
        if (!checked.equals(now)) {
            throw wrongPassword(name);
        }
        if (groups.own().contains(name)) {
            if (keyring.keyFor(name, now) != null) {
                throw new GroupException(Reason.ALREADY_A_MEMBER, name,
                        "already a member of " + state.info(name).name());
            }
            keyring.put(name, key, now);
            groups.persistence().save();
            return state.info(name);
        }
        Set<GroupName> after = groups.withGroup(name);
        Packet p = groups.outbox().originate(PacketType.GROUP_JOIN, groups.membership(name, after));
        keyring.put(name, key, now);
        groups.recordOwnStatement(p, after);
        groups.persistence().save();
        return state.info(name);
    }

    /** The user-facing failure of a password that does not fit. Any thread. */
    static GroupException wrongPassword(GroupName name) {
        return new GroupException(Reason.WRONG_PASSWORD, name, "wrong password for #" + name);
    }

    /** Returns the key if its verifier is the creation's; throws WRONG_PASSWORD otherwise. */
    private static byte[] checked(GroupName name, Protection protection, byte[] key) {
        // Constant time, out of habit: the verifier is public, the key is not.
        if (!MessageDigest.isEqual(GroupKeys.verifier(key), protection.verifier())) {
            throw wrongPassword(name);
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

    private <T> CompletableFuture<T> finish(char[] password, CompletableFuture<T> f) {
        return loop.handOff(f.whenComplete((v, e) -> Arrays.fill(password, '\0')));
    }
}
