package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.SecurityProfile;
import java.time.Duration;

/**
 * The settings of one load run.
 *
 * <p>Threading: immutable.
 *
 * @param window most messages in flight (sent, not yet delivered where they count); ignored in
 *     rate mode
 * @param rate messages per second to send at; 0 for window mode
 * @param fromAll every node sends (round robin) instead of node 0 alone
 * @param warmup messages sent and delivered before timing starts
 * @param profile the nodes' security profile
 * @param parallelVerification whether busy nodes may check signatures on the verifier pool
 */
record LoadOptions(Topology topology, int messages, int bytes, int window, double rate,
        boolean fromAll, int warmup, SecurityProfile profile, boolean parallelVerification,
        Duration deadline) {}
