package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Registration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners on the listener executor, one event at a time and in order, so
 * no listener code ever runs on the node thread or an I/O thread. Each listener is isolated: one
 * that throws is logged and counted, and the rest still get the event.
 *
 * <p>Threading: {@link #add} and {@link #publish} are callable from any thread (publish is
 * called by the node thread); callbacks run on the executor.
 */
public final class ListenerBus {
    private static final Logger log = LoggerFactory.getLogger(ListenerBus.class);

    private final CopyOnWriteArrayList<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final AtomicLong errors = new AtomicLong();
    private volatile Runnable beforeEach;

    /** Runs callbacks on {@code executor}, which runs tasks one at a time, in order. */
    public ListenerBus(Executor executor) {
        this.executor = executor;
    }

    /** Adds a listener; the registration removes it. */
    public Registration add(MeshListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Runs {@code hook} before each event is queued: the history uses it to raise the messages
     * it is keeping before any later event, so listeners see events in the order they happened.
     */
    public void beforeEachEvent(Runnable hook) {
        this.beforeEach = hook;
    }

    /** Queues one event for every listener. */
    public void publish(Consumer<MeshListener> event) {
        Runnable hook = beforeEach;
        if (hook != null) {
            hook.run();
        }
        try {
            executor.execute(() -> dispatch(event));
        } catch (RejectedExecutionException e) {
            log.debug("listener executor rejected an event; the node is closing");
        }
    }

    private void dispatch(Consumer<MeshListener> event) {
        for (MeshListener listener : listeners) {
            run(listener, () -> event.accept(listener));
        }
    }

    /**
     * Runs one callback of application code ({@code who}, for the log) isolated: a throw is
     * logged and counted, and nothing else is affected. On the executor.
     */
    public void run(Object who, Runnable callback) {
        try {
            callback.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            errors.incrementAndGet();
            log.warn("{} threw; everything else still gets its events", who, t);
        }
    }

    /** The executor callbacks run on: one task at a time, in order. */
    public Executor executor() {
        return executor;
    }

    /** Exceptions thrown by listeners so far. */
    public long errors() {
        return errors.get();
    }
}
