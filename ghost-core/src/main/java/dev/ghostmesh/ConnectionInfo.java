package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An address this node keeps a link to (one given to {@code connect}), and where that stands.
 * Immutable and thread-safe.
 *
 * @param address the address as given
 * @param state connected, dialing, or waiting to retry
 * @param peer the node the last successful link proved to be there
 * @param lastError why the last attempt failed, if it did
 * @param nextAttempt when the next dial happens, while waiting
 * @param attempts dials that failed in a row
 */
public record ConnectionInfo(PeerAddress address, State state, Optional<NodeId> peer,
        Optional<String> lastError, Optional<Instant> nextAttempt, int attempts) {
    /** Where a wanted connection stands. */
    public enum State {
        /** An authenticated link is up. */
        CONNECTED,
        /** A dial or handshake is in progress. */
        CONNECTING,
        /** The last attempt failed; the next one is scheduled with backoff. */
        WAITING
    }

    /** Validates that no field is null. */
    public ConnectionInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }
}
