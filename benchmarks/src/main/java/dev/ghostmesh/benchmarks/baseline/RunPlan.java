package dev.ghostmesh.benchmarks.baseline;

/**
 * What every relay of one run needs to know: ids {@code [0, warmUp)} are the warm-up, ids
 * {@code [warmUp, total)} the measured messages, and every frame body is {@code body} bytes
 * (8-byte id, 8-byte send time, zero padding).
 *
 * <p>Threading: immutable.
 */
record RunPlan(int warmUp, int total, int body) {
    static final int HEADER_BYTES = 16;
    static final int PREFIX_BYTES = 4;

    RunPlan {
        if (warmUp < 0 || total <= warmUp || body < HEADER_BYTES) {
            throw new IllegalArgumentException("bad plan " + warmUp + "/" + total + "/" + body);
        }
    }

    int frameBytes() {
        return PREFIX_BYTES + body;
    }

    int measured() {
        return total - warmUp;
    }
}
