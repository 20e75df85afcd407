package dev.ghostmesh;

/**
 * A direct message or request reached its target, which has no handler for its topic: no
 * subscription (for {@link MeshNode#send}) or no request handler (for {@link MeshNode#request}).
 * Futures complete exceptionally with it; unlike a timeout, it is a definite answer from the
 * target. Immutable; thrown on, or delivered to, the thread that observes the failure.
 */
public class NoHandlerException extends MeshException {
    private static final long serialVersionUID = 1L;

    /** The target's answer about {@code topic}. */
    public NoHandlerException(String message) {
        super(message);
    }
}
