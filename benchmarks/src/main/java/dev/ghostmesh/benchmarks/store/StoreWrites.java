package dev.ghostmesh.benchmarks.store;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.store.sqlite.SqliteMessageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What the SQLite history store costs: one thread adds chat messages as a node's thread does,
 * {@code --batch} per transaction (a node keeps what one turn of its loop showed as one batch),
 * committed before {@code addAll} returns, as fast as it can; then the file's size is read. Texts are random printable ASCII of {@code --bytes} characters from
 * 20 senders, like a busy chat.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.store.StoreWrites \
 *     --messages 20000 --bytes 100 --batch 1
 * </pre>
 *
 * <p>Prints msg/s, µs per add, and bytes on disk per 1,000 messages (database plus WAL, after
 * a checkpoint on close), as a table row and a JSON line. The store lives in a temporary
 * directory, removed afterwards.
 *
 * <p>Threading: runs on the calling thread.
 */
public final class StoreWrites {
    private StoreWrites() {}

    public static void main(String[] args) throws Exception {
        int messages = 20_000;
        int bytes = 100;
        int batch = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--bytes" -> bytes = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: StoreWrites [--messages N] [--bytes B] [--batch K]");
                    System.exit(64);
                }
            }
        }
        Result r = run(messages, bytes, batch);
        System.out.printf(Locale.ROOT, "%,d messages of %d bytes, %d per transaction: %,.0f"
                + " msg/s, %.1f µs per message; %,d bytes on disk, %,.0f per 1,000 messages%n",
                r.messages, bytes, batch,
                r.perSecond(), r.microsPerAdd(), r.diskBytes, r.diskPerThousand());
        System.out.printf(Locale.ROOT, "{\"messages\":%d,\"bytes\":%d,\"batch\":%d,"
                + "\"msg_per_s\":%.1f,\"us_per_message\":%.2f,\"disk_bytes\":%d,"
                + "\"disk_per_1000\":%.0f}%n", r.messages, bytes, batch, r.perSecond(),
                r.microsPerAdd(), r.diskBytes, r.diskPerThousand());
    }

    /** One run's figures. */
    record Result(int messages, long nanos, long diskBytes) {
        double perSecond() {
            return messages / (nanos / 1e9);
        }

        double microsPerAdd() {
            return nanos / 1e3 / messages;
        }

        double diskPerThousand() {
            return diskBytes * 1000.0 / messages;
        }
    }

    static Result run(int messages, int textBytes, int batch) throws IOException {
        Path dir = Files.createTempDirectory("ghost-store-bench");
        try {
            Path file = dir.resolve("ghost.db");
            SplittableRandom random = new SplittableRandom(1);
            NodeId[] senders = new NodeId[20];
            for (int i = 0; i < senders.length; i++) {
                byte[] id = new byte[NodeId.LENGTH];
                random.nextBytes(id);
                senders[i] = NodeId.of(id);
            }
            StoreLimits roomy = new StoreLimits(Math.max(messages, 1), 1L << 40,
                    Math.max(messages, 1), StoreLimits.DISK_DEFAULT.maxAge());
            long nanos;
            try (SqliteMessageStore store = SqliteMessageStore.open(file, roomy)) {
                long start = System.nanoTime();
                List<HistoryEntry> pending = new ArrayList<>(batch);
                for (int i = 0; i < messages; i++) {
                    Instant now = Instant.now();
                    Message m = new Message(new MessageId(random.nextLong(), random.nextLong()),
                            MessageKind.BROADCAST, senders[i % senders.length], "sender" + i % 20,
                            Optional.empty(), Optional.empty(), text(random, textBytes), now, 3);
                    pending.add(new HistoryEntry(m, now, false));
                    if (pending.size() == batch || i == messages - 1) {
                        store.addAll(pending); // as the node does with one turn of its loop
                        pending.clear();
                    }
                }
                nanos = System.nanoTime() - start;
                if (store.query(HistoryQuery.latest(1)).isEmpty() && messages > 0) {
                    throw new IllegalStateException("nothing was kept");
                }
            }
            return new Result(messages, nanos, sizeOf(dir));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String text(SplittableRandom random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) (' ' + random.nextInt(95));
        }
        return new String(c);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
