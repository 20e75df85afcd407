package dev.ghostmesh.internal.link;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A link that goes nowhere and keeps what it was given, for tests of a session on top of it;
 * {@link #refuse} makes it refuse frames as a full queue does. Test thread only.
 */
final class RecordingLink implements Link {
    final List<byte[]> sent = new ArrayList<>();
    boolean refuse;
    boolean closed;

    @Override
    public PeerAddress remoteAddress() {
        return PeerAddress.tcp("127.0.0.1", 7000);
    }

    @Override
    public boolean inbound() {
        return false;
    }

    @Override
    public boolean send(byte[] frame) {
        if (refuse) {
            return false;
        }
        sent.add(frame);
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
