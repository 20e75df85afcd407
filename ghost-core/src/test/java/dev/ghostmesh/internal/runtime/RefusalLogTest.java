package dev.ghostmesh.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.local.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
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
        new RefusalLog(new ManualClock()).info(recording, "link {} refused: {}", "peer", "username unassigned");
        assertEquals(List.of("info link {} refused: {}"), lines);
    }

    @Test
    void aBurstOfRefusalsLogsAtMostTheBurstAndLeavesTheRestOut() {
        ManualClock clock = new ManualClock();
        RefusalLog log = new RefusalLog(clock);
        for (int i = 0; i < RefusalLog.BURST * 5; i++) {
            log.info(recording, "refused {}", i);
        }
        assertEquals(RefusalLog.BURST, lines.size());

        // The budget refills at one line a second, in the clock's time: 999 ms earn nothing.
        clock.advance(Duration.ofMillis(999));
        log.info(recording, "refused {}", "late");
        assertEquals(RefusalLog.BURST, lines.size());
        clock.advance(Duration.ofMillis(1));
        log.info(recording, "refused {}", "later");
        assertEquals(RefusalLog.BURST + 2, lines.size(), "the count left out, then the line");
        assertEquals("info ({} more refusals not logged: over the log's rate limit)",
                lines.get(RefusalLog.BURST));
    }
}
