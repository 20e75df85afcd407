package dev.ghostmesh.store.sqlite;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.StoreLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * Run as its own process by {@link KillNineTest}: adds broadcasts "m0", "m1", ... to the store
 * in {@code args[0]} as fast as it can and prints "acked N" after the add of "mN" returned, until
 * it is killed.
 */
public final class KillNineWriter {
    private KillNineWriter() {}

    public static void main(String[] args) throws Exception {
        byte[] sender = new byte[NodeId.LENGTH];
        sender[0] = 42;
        Random random = new Random();
        try (SqliteMessageStore store = SqliteMessageStore.open(Path.of(args[0]),
                StoreLimits.DISK_DEFAULT)) {
            for (int i = 0; ; i++) {
                Instant now = Instant.now();
                Message m = new Message(MessageId.random(random), MessageKind.BROADCAST,
                        NodeId.of(sender), "writer", Optional.empty(), Optional.empty(), "m" + i,
                        now, 1);
                store.add(new HistoryEntry(m, now, false));
                System.out.println("acked " + i);
                System.out.flush();
            }
        }
    }
}
