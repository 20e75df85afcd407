package dev.ghostmesh;

/**
 * A group operation that cannot be done, with a {@link Reason} a user interface can act on (the
 * message is user-facing too). Delivered through the failed future of the operation.
 * Immutable once thrown, so any thread that observes the future may read it.
 */
public class GroupException extends MeshException {
    private static final long serialVersionUID = 1L;

    /** Why a group operation failed. */
    public enum Reason {
        /** {@code create} of a name that already exists: join it instead. */
        ALREADY_EXISTS,
        /** {@code join} of, or sending to, a group this node has never heard of. */
        UNKNOWN_GROUP,
        /** {@code leave} of, or sending to, a group this node is not a member of. */
        NOT_A_MEMBER,
        /** {@code join} of a group this node is already in. */
        ALREADY_A_MEMBER,
        /** A limit (groups in the mesh, or groups this node is in) would be exceeded. */
        LIMIT_REACHED,
        /**
         * {@code join} of, or sending to, a password-protected group without its password (or,
         * for sending, without having joined with it).
         */
        PASSWORD_REQUIRED,
        /** {@code join} of a password-protected group with a password that does not fit it. */
        WRONG_PASSWORD,
        /** {@code join} of an open group with a password: it would protect nothing. */
        NOT_PROTECTED
    }

    /** Why the operation failed. */
    private final Reason reason;
    /** The group the operation was about. */
    private final GroupName group;

    /** A failure for {@code group} because of {@code reason}, described by {@code message}. */
    public GroupException(Reason reason, GroupName group, String message) {
        super(message);
        this.reason = reason;
        this.group = group;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }

    /** The group concerned. */
    public GroupName group() {
        return group;
    }
}
