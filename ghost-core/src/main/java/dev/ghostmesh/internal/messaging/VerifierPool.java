package dev.ghostmesh.internal.messaging;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that checks signatures for busy nodes ({@link SignatureChecks}): one daemon thread
 * per core, shared by every node in the process, since a process running many nodes (a
 * simulation, a test, a gateway) must not get a pool per node. Threads start on first use and
 * end after a minute idle. Its queue needs no bound of its own: each node keeps at most
 * {@link SignatureChecks#MAX_PENDING} checks in it.
 *
 * <p>Threading: thread-safe.
 */
public final class VerifierPool {
    private VerifierPool() {
    }

    /** The shared pool, or null on a single core, where handing work off gains nothing. */
    public static Executor shared() {
        return Holder.POOL;
    }

    private static final class Holder {
        static final Executor POOL = create(Runtime.getRuntime().availableProcessors());

        private static Executor create(int cores) {
            if (cores < 2) {
                return null;
            }
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "ghost-verify-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
