package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.SecurityProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one load run.
 *
 * <p>Threading: immutable.
 *
 * @param bytes size of each message: the broadcast's text, or the published payload
 * @param window most messages in flight (sent, not yet delivered where they count); ignored in
 *     rate mode
 * @param rate messages per second to send at; 0 for window mode
 * @param fromAll every node sends (round robin) instead of node 0 alone
 * @param warmup messages sent and delivered before timing starts
 * @param profile the nodes' security profile
 * @param parallelVerification whether busy nodes may check signatures on the verifier pool
 * @param payload what a message is: a chat broadcast, or bytes published on a topic
 * @param sqliteStore each node keeps its history in an SQLite file (in a temporary directory)
 *     instead of in memory, as the CLI does
 */
record LoadOptions(Topology topology, int messages, int bytes, int window, double rate,
        boolean fromAll, int warmup, SecurityProfile profile, boolean parallelVerification,
        Duration deadline, PayloadKind payload, boolean sqliteStore) {
    /** What the origin sends. */
    enum PayloadKind {
        /**
         * Chat broadcasts ({@code MeshNode.broadcast}): text of {@code bytes} characters that
         * starts with the sequence number; every other node delivers each.
         */
        TEXT,
        /**
         * Binary payloads of {@code bytes} bytes published on a topic
         * ({@code MeshNode.publish}), the first four the sequence number; the farthest node
         * alone subscribes, so it alone delivers them (every node relays them).
         */
        BYTES;

        /** {@code text} or {@code bytes}, as on the command line. */
        static PayloadKind of(String name) {
            return switch (name) {
                case "text" -> TEXT;
                case "bytes" -> BYTES;
                default -> throw new IllegalArgumentException(
                        "--payload-kind must be text or bytes, not '" + name + "'");
            };
        }
    }

    /** Checks that the payload kind fits the rest. */
    LoadOptions {
        Objects.requireNonNull(payload, "payload");
        if (payload == PayloadKind.BYTES && fromAll) {
            throw new IllegalArgumentException("--payload-kind bytes sends from one node only");
        }
        if (payload == PayloadKind.BYTES && bytes < Integer.BYTES) {
            throw new IllegalArgumentException("--payload-kind bytes needs --bytes >= 4 (the"
                    + " sequence number)");
        }
    }

    /** History in memory. */
    LoadOptions(Topology topology, int messages, int bytes, int window, double rate,
            boolean fromAll, int warmup, SecurityProfile profile, boolean parallelVerification,
            Duration deadline, PayloadKind payload) {
        this(topology, messages, bytes, window, rate, fromAll, warmup, profile,
                parallelVerification, deadline, payload, false);
    }

    /** Text broadcasts, as the tool has always sent. */
    LoadOptions(Topology topology, int messages, int bytes, int window, double rate,
            boolean fromAll, int warmup, SecurityProfile profile, boolean parallelVerification,
            Duration deadline) {
        this(topology, messages, bytes, window, rate, fromAll, warmup, profile,
                parallelVerification, deadline, PayloadKind.TEXT);
    }
}
