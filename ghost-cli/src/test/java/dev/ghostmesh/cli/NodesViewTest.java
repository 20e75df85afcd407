package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodesViewTest {
    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
        "0, 0s ago",
        "12, 12s ago",
        "59, 59s ago",
        "60, 1m ago",
        "3599, 59m ago",
        "3600, 1h ago",
        "86399, 23h ago",
        "86400, 1d ago",
        "-5, 0s ago",
    })
    void lastSeenIsOneCoarseUnit(long secondsAgo, String expected) {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        assertEquals(expected, NodesView.ago(now.minusSeconds(secondsAgo), now));
    }
}
