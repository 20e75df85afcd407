package dev.ghostmesh.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Refusals are logged at INFO, and a peer cannot make the log grow without bound. */
class RefusalLogTest {
    private final List<String> lines = new ArrayList<>();
    /** A logger that records the level and format of every call. */
    private final Logger recording = (Logger) Proxy.newProxyInstance(
            Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, m, args) -> {
                if (m.getName().equals("getName")) {
                    return "recording";
                }
                if (m.getReturnType() == boolean.class) {
                    return true;
                }
                lines.add(m.getName() + " " + args[0]);
                return null;
            });

    @Test
    void aRefusalIsLoggedAtInfoWithItsReason() {
        new RefusalLog().info(recording, "link {} refused: {}", "peer", "username unassigned");
        assertEquals(List.of("info link {} refused: {}"), lines);
    }

    @Test
    void aBurstOfRefusalsLogsAtMostTheBurstAndLeavesTheRestOut() {
        RefusalLog log = new RefusalLog();
        for (int i = 0; i < RefusalLog.BURST * 5; i++) {
            log.info(recording, "refused {}", i);
        }
        // Refilling at one line a second, the loop above cannot earn a second line back.
        assertEquals(RefusalLog.BURST, lines.size());
    }
}
