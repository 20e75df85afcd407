package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.internal.crypto.GroupKeys;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Derives group keys from passwords on a thread of its own. Argon2id with the default costs
 * takes 64 MiB and a good fraction of a second: on the node thread it would stall every link,
 * and on the common pool (one thread on a two-core machine) every future the node completes.
 * The thread exists only while there is work (it ends after a few idle seconds), derivations
 * run one at a time so a node never holds more than one Argon2 buffer, and a small queue
 * bounds what can wait.
 *
 * <p>Threading: {@link #derive} and {@link #close} may be called from any thread; the futures
 * complete on the derivation thread.
 */
final class KeyDerivation {
    /** Derivations that may wait behind the running one; more fail at once. */
    static final int MAX_QUEUED = 8;
    private static final long IDLE_SECONDS = 5;

    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    KeyDerivation(String label) {
        this.executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                    Thread t = new Thread(r, "ghost-kdf-" + label);
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Derives the key of {@code group} from {@code password}, which this method owns from now
     * on and clears once it is used (or refused).
     */
    CompletableFuture<byte[]> derive(char[] password, GroupName group, KdfParams params) {
        CompletableFuture<byte[]> key = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    if (closed) {
                        key.completeExceptionally(new MeshException("node is not running"));
                    } else {
                        key.complete(GroupKeys.deriveKey(password, group.key(), params));
                    }
                } catch (OutOfMemoryError e) {
                    key.completeExceptionally(new MeshException("not enough memory to derive the"
                            + " key of #" + group + " (it needs " + params.memoryKiB() / 1024
                            + " MiB)", e));
                } catch (RuntimeException e) {
                    key.completeExceptionally(e);
                } finally {
                    Arrays.fill(password, '\0');
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(password, '\0');
            key.completeExceptionally(new MeshException(closed ? "node is not running"
                    : "too many group passwords are being checked at once; try again"));
        }
        return key;
    }

    /** Refuses new work; a derivation already running finishes, queued ones fail fast. */
    void close() {
        closed = true;
        executor.shutdown();
    }
}
