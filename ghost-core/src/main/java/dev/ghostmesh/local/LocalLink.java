package dev.ghostmesh.local;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of an in-memory link. Frames and the close travel to the other end as tasks on its
 * node's loop, in FIFO order, so a close arrives after every frame sent before it.
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread; delivery on the receiving
 * node's loop.
 */
final class LocalLink implements Link {
    private final LocalTransport owner;
    private final boolean inbound;
    private final PeerAddress remote;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean down;
    volatile LocalLink peer;

    LocalLink(LocalTransport owner, boolean inbound, PeerAddress remote) {
        this.owner = owner;
        this.inbound = inbound;
        this.remote = remote;
    }

    @Override
    public PeerAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public boolean send(byte[] frame) {
        if (frame.length == 0 || frame.length > peer.owner.context().maxFrameSize()) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes");
        }
        if (closing.get() || inFlight.get() + frame.length > LocalTransport.MAX_QUEUED_BYTES) {
            return false;
        }
        inFlight.addAndGet(frame.length);
        LocalNetwork net = owner.network();
        boolean lost = net.isCut(owner.name(), peer.owner.name()) || net.lose();
        LocalLink to = peer;
        if (lost) {
            inFlight.addAndGet(-frame.length);
            return true;
        }
        net.deliver(to.owner.context(), () -> {
            inFlight.addAndGet(-frame.length);
            if (!to.down) {
                // The receiver owns what it gets; the sender may have queued this very array on
                // other links too, so each receiver gets its own copy, as over a real wire.
                to.owner.context().onFrame(to, frame.clone());
            }
        });
        return true;
    }

    @Override
    public void close() {
        LocalLink other = peer;
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        other.closing.set(true);
        owner.network().deliver(owner.context(), this::goDown);
        owner.network().deliver(other.owner.context(), other::goDown);
    }

    private void goDown() {
        if (!down) {
            down = true;
            owner.closed(this);
        }
    }

    @Override
    public String toString() {
        return "local:" + owner.name() + (inbound ? "<-" : "->") + remote.host();
    }
}
