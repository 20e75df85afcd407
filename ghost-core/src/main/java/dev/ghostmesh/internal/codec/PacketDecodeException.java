package dev.ghostmesh.internal.codec;

/**
 * The one exception the decoder signals for any bad input: truncated, oversized, wrongly typed,
 * invalid UTF-8, out-of-range values. Checked, so no caller can forget that network input fails.
 */
public final class PacketDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A decode failure described by {@code message}. */
    public PacketDecodeException(String message) {
        super(message, null, false, false);
    }
}
