package dev.ghostmesh.internal.codec;

import java.io.IOException;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * A strict reader over one MessagePack value in a byte array, used by every decoder. Each read
 * names the type it expects; every declared length or count is checked against its limit and
 * against the bytes left before anything is allocated. It never calls {@code unpackValue()},
 * which would trust a 5-byte header to allocate gigabytes. All failures surface as
 * {@link PacketDecodeException}.
 */
final class SchemaReader implements AutoCloseable {
    private final byte[] data;
    private final int start;
    private final int end;
    private final MessageUnpacker unpacker;

    SchemaReader(byte[] data, int offset, int length) {
        this.data = data;
        this.start = offset;
        this.end = offset + length;
        this.unpacker = MessagePack.newDefaultUnpacker(data, offset, length);
    }

    /** Absolute offset in the array of the next byte to read. */
    int position() {
        return start + (int) unpacker.getTotalReadBytes();
    }

    int remaining() {
        return end - position();
    }

    /** Reads an array header whose count must lie in {@code [min, max]}. */
    int arrayHeader(int min, int max, String what) throws PacketDecodeException {
        expect(MessageFormat.FIXARRAY, MessageFormat.ARRAY16, MessageFormat.ARRAY32, what);
        int count;
        try {
            count = unpacker.unpackArrayHeader();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        // A negative count is an array32 header above 2^31-1; every element takes >= 1 byte.
        if (count < min || count > max || count > remaining()) {
            throw new PacketDecodeException(what + ": " + Integer.toUnsignedString(count)
                    + " elements, expected " + min + ".." + max);
        }
        return count;
    }

    /** True if the next value is a string, false if it is anything else (not consumed). */
    boolean nextIsString(String what) throws PacketDecodeException {
        return nextFormat(what).getValueType() == org.msgpack.value.ValueType.STRING;
    }

    /** True if the next value is nil; it is consumed then, and left otherwise. */
    boolean nextIsNil(String what) throws PacketDecodeException {
        if (nextFormat(what) != MessageFormat.NIL) {
            return false;
        }
        try {
            unpacker.unpackNil();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        return true;
    }

    /** Reads a boolean (true or false, nothing else). */
    boolean bool(String what) throws PacketDecodeException {
        if (nextFormat(what).getValueType() != org.msgpack.value.ValueType.BOOLEAN) {
            throw new PacketDecodeException(what + ": expected a boolean");
        }
        try {
            return unpacker.unpackBoolean();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
    }

    /** Reads an integer that must lie in {@code [min, max]}. */
    long integer(long min, long max, String what) throws PacketDecodeException {
        MessageFormat f = nextFormat(what);
        if (f.getValueType() != org.msgpack.value.ValueType.INTEGER) {
            throw new PacketDecodeException(what + ": expected an integer, found " + f);
        }
        long v;
        try {
            v = unpacker.unpackLong();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        if (v < min || v > max) {
            throw new PacketDecodeException(what + ": " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    /** Reads an int that must lie in {@code [min, max]}. */
    int intValue(int min, int max, String what) throws PacketDecodeException {
        return (int) integer(min, max, what);
    }

    /** Reads a binary field of exactly {@code length} bytes; returns its absolute offset. */
    int binExact(int length, String what) throws PacketDecodeException {
        int n = binHeader(length, what);
        if (n != length) {
            throw new PacketDecodeException(what + ": " + n + " bytes, expected " + length);
        }
        return skipPayload(n, what);
    }

    /** Reads a binary header of at most {@code max} bytes; returns the payload length. */
    int binHeader(int max, String what) throws PacketDecodeException {
        expect(MessageFormat.BIN8, MessageFormat.BIN16, MessageFormat.BIN32, what);
        int n;
        try {
            n = unpacker.unpackBinaryHeader();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        checkLength(n, max, what);
        return n;
    }

    /** Skips {@code n} payload bytes already checked against the limits; returns their offset. */
    int skipPayload(int n, String what) throws PacketDecodeException {
        int at = position();
        try {
            unpacker.readPayloadAsReference(n);
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        return at;
    }

    /** Reads a UTF-8 string of at most {@code maxBytes} bytes, rejecting invalid UTF-8. */
    String string(int maxBytes, String what) throws PacketDecodeException {
        expect(MessageFormat.FIXSTR, MessageFormat.STR8, MessageFormat.STR16, MessageFormat.STR32,
                what);
        int n;
        try {
            n = unpacker.unpackRawStringHeader();
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
        checkLength(n, maxBytes, what);
        int at = skipPayload(n, what);
        return TextRules.decodeUtf8(data, at, n);
    }

    /** Reads an array of at most {@code maxCount} strings of at most {@code maxBytes} each. */
    java.util.List<String> stringList(int maxCount, int maxBytes, String what)
            throws PacketDecodeException {
        int n = arrayHeader(0, maxCount, what);
        java.util.List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(maxBytes, what));
        }
        return out;
    }

    /**
     * Skips {@code count} values of any type (fields added by newer versions): iteratively, so
     * deep nesting cannot overflow the stack, without allocating for what it passes over, and
     * counting in a long, every declared count checked against the bytes left. msgpack-core's
     * own {@code skipValue(n)} adds counts in an int: a map32 header claiming 2^31-1 entries
     * wraps its count to -1, and it returns as if that value were complete.
     */
    void skipValues(int count, String what) throws PacketDecodeException {
        long pending = count;
        while (pending > 0) {
            if (pending > remaining()) {
                // Every value takes at least one byte.
                throw new PacketDecodeException(what + ": " + pending + " values declared, "
                        + remaining() + " bytes left");
            }
            MessageFormat f = nextFormat(what);
            try {
                switch (f.getValueType()) {
                    case ARRAY -> pending += unpacker.unpackArrayHeader();
                    case MAP -> pending += 2L * unpacker.unpackMapHeader();
                    default -> unpacker.skipValue(); // a scalar: its length is checked inside
                }
            } catch (IOException | MessagePackException e) {
                throw fail(what, e);
            }
            pending--;
        }
    }

    /** Requires that the value just read was the last byte of the input. */
    void requireEnd(String what) throws PacketDecodeException {
        if (remaining() != 0) {
            throw new PacketDecodeException(what + ": " + remaining() + " trailing bytes");
        }
    }

    private void checkLength(int n, int max, String what) throws PacketDecodeException {
        if (n < 0 || n > max || n > remaining()) {
            throw new PacketDecodeException(what + ": declared length "
                    + Integer.toUnsignedString(n) + " exceeds limit " + max + " or input");
        }
    }

    private void expect(MessageFormat a, MessageFormat b, MessageFormat c, String what)
            throws PacketDecodeException {
        MessageFormat f = nextFormat(what);
        if (f != a && f != b && f != c) {
            throw new PacketDecodeException(what + ": unexpected " + f);
        }
    }

    private void expect(MessageFormat a, MessageFormat b, MessageFormat c, MessageFormat d,
            String what) throws PacketDecodeException {
        MessageFormat f = nextFormat(what);
        if (f != a && f != b && f != c && f != d) {
            throw new PacketDecodeException(what + ": unexpected " + f);
        }
    }

    private MessageFormat nextFormat(String what) throws PacketDecodeException {
        try {
            if (!unpacker.hasNext()) {
                throw new PacketDecodeException(what + ": truncated");
            }
            MessageFormat f = unpacker.getNextFormat();
            if (f == MessageFormat.NEVER_USED) {
                throw new PacketDecodeException(what + ": reserved byte 0xc1");
            }
            return f;
        } catch (IOException | MessagePackException e) {
            throw fail(what, e);
        }
    }

    private static PacketDecodeException fail(String what, Exception e) {
        return new PacketDecodeException(what + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    @Override
    public void close() {
        try {
            unpacker.close();
        } catch (IOException e) {
            // An array-backed unpacker holds no resources; nothing to report.
        }
    }
}
