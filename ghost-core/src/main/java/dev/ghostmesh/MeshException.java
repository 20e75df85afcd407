package dev.ghostmesh;

/**
 * Failure of a mesh operation: a node that cannot start (port in use, unreadable identity), or
 * an asynchronous operation that failed (futures complete exceptionally with it). Unchecked,
 * because callers can rarely recover other than by reporting the message, which is written to
 * be shown to a user as is. Thrown on, or delivered to, the thread that observes the failure.
 */
public class MeshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by a user-facing {@code message}. */
    public MeshException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public MeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
