package dev.ghostmesh.internal.codec;

import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The catch-up frames, link control between two neighbours (PROTOCOL.md, "Catch-up"):
 *
 * <pre>
 * SYNC_SUMMARY = [1, 70, window_start, [[origin: bin 16, count, max_seq, digest: bin 8]...],
 *                 last: bool]
 * SYNC_SEQS    = [1, 71, window_start, origin: bin 16, [seq...], reply: bool]
 * SYNC_WANT    = [1, 72, origin: bin 16, [seq...]]
 * SYNC_PACKET  = [1, 73, packet: bin]
 * </pre>
 *
 * At most {@link #MAX_ORIGINS} origins per summary frame (a node with more sends several) and
 * {@link #MAX_SEQS} numbers per list; decoders skip up to 16 trailing elements. Stateless.
 */
public final class SyncFrames {
    /** Origins in one summary frame: 1,000 × 41 bytes stays well inside a frame. */
    public static final int MAX_ORIGINS = 1_000;
    /** Sequence numbers in one list: a node keeps at most that many per origin. */
    public static final int MAX_SEQS = 1_000;

    /** One origin's line of a summary. */
    public record OriginLine(NodeId origin, long count, long maxSeq, long digest) {}

    /** A decoded SYNC_SUMMARY. */
    public record Summary(long windowStart, List<OriginLine> origins, boolean last) {}

    /** A decoded SYNC_SEQS or SYNC_WANT ({@code windowStart} 0 and no reply for a WANT). */
    public record Seqs(long windowStart, NodeId origin, long[] seqs, boolean reply) {}

    private SyncFrames() {}

    public static byte[] summary(long windowStart, List<OriginLine> origins, boolean last) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5).packInt(PacketCodec.VERSION).packInt(PacketType.SYNC_SUMMARY);
            p.packLong(windowStart).packArrayHeader(origins.size());
            for (OriginLine o : origins) {
                p.packArrayHeader(4);
                bin(p, o.origin().bytes());
                p.packLong(o.count()).packLong(o.maxSeq());
                bin(p, java.nio.ByteBuffer.allocate(8).putLong(o.digest()).array());
            }
            p.packBoolean(last);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] seqs(long windowStart, NodeId origin, long[] seqs, boolean reply) {
        return list(PacketType.SYNC_SEQS, windowStart, origin, seqs, reply);
    }

    public static byte[] want(NodeId origin, long[] seqs) {
        return list(PacketType.SYNC_WANT, -1, origin, seqs, false);
    }

    public static byte[] packet(byte[] frame) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packInt(PacketCodec.VERSION).packInt(PacketType.SYNC_PACKET);
            bin(p, frame);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] list(int type, long windowStart, NodeId origin, long[] seqs,
            boolean reply) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(windowStart < 0 ? 4 : 6).packInt(PacketCodec.VERSION).packInt(type);
            if (windowStart >= 0) {
                p.packLong(windowStart);
            }
            bin(p, origin.bytes());
            p.packArrayHeader(seqs.length);
            for (long s : seqs) {
                p.packLong(s);
            }
            if (windowStart >= 0) {
                p.packBoolean(reply);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bin(MessageBufferPacker p, byte[] b) throws IOException {
        p.packBinaryHeader(b.length).writePayload(b);
    }

    public static Summary decodeSummary(byte[] frame) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(frame, 0, frame.length)) {
            int n = header(r, 5, PacketType.SYNC_SUMMARY, "sync summary");
            long windowStart = r.integer(0, Long.MAX_VALUE, "window_start");
            int count = r.arrayHeader(0, MAX_ORIGINS, "summary origins");
            List<OriginLine> origins = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int fields = r.arrayHeader(4, 4 + Bodies.MAX_EXTRA_FIELDS, "summary line");
                NodeId origin = NodeId.of(bytes(r, frame, NodeId.LENGTH, "origin"));
                long c = r.integer(1, MAX_SEQS, "count");
                long max = r.integer(0, Long.MAX_VALUE, "max_seq");
                long digest = java.nio.ByteBuffer.wrap(bytes(r, frame, 8, "digest")).getLong();
                r.skipValues(fields - 4, "summary line extension");
                origins.add(new OriginLine(origin, c, max, digest));
            }
            boolean last = r.bool("last");
            r.skipValues(n - 5, "sync summary extension");
            r.requireEnd("sync summary");
            return new Summary(windowStart, origins, last);
        }
    }

    public static Seqs decodeSeqs(byte[] frame) throws PacketDecodeException {
        return decodeList(frame, PacketType.SYNC_SEQS, "sync seqs");
    }

    public static Seqs decodeWant(byte[] frame) throws PacketDecodeException {
        return decodeList(frame, PacketType.SYNC_WANT, "sync want");
    }

    private static Seqs decodeList(byte[] frame, int type, String what)
            throws PacketDecodeException {
        boolean seqs = type == PacketType.SYNC_SEQS;
        int min = seqs ? 6 : 4;
        try (SchemaReader r = new SchemaReader(frame, 0, frame.length)) {
            int n = header(r, min, type, what);
            long windowStart = seqs ? r.integer(0, Long.MAX_VALUE, "window_start") : 0;
            NodeId origin = NodeId.of(bytes(r, frame, NodeId.LENGTH, "origin"));
            int count = r.arrayHeader(0, MAX_SEQS, "sequence numbers");
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = r.integer(0, Long.MAX_VALUE, "seq");
            }
            boolean reply = seqs && r.bool("reply");
            r.skipValues(n - min, what + " extension");
            r.requireEnd(what);
            return new Seqs(windowStart, origin, out, reply);
        }
    }

    /** The packet frame a SYNC_PACKET carries. */
    public static byte[] decodePacket(byte[] frame) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(frame, 0, frame.length)) {
            int n = header(r, 3, PacketType.SYNC_PACKET, "sync packet");
            int length = r.binHeader(frame.length, "packet");
            int at = r.skipPayload(length, "packet");
            r.skipValues(n - 3, "sync packet extension");
            r.requireEnd("sync packet");
            return Arrays.copyOfRange(frame, at, at + length);
        }
    }

    private static int header(SchemaReader r, int min, int type, String what)
            throws PacketDecodeException {
        int n = r.arrayHeader(min, min + Bodies.MAX_EXTRA_FIELDS, what);
        r.integer(PacketCodec.VERSION, PacketCodec.VERSION, "version");
        r.integer(type, type, "type");
        return n;
    }

    private static byte[] bytes(SchemaReader r, byte[] frame, int length, String what)
            throws PacketDecodeException {
        int at = r.binExact(length, what);
        return Arrays.copyOfRange(frame, at, at + length);
    }
}
