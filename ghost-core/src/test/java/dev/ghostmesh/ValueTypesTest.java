package dev.ghostmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void usernamesRejectControlFormatAndOverlongNames() {
        MeshNode.Builder b = MeshNode.builder();
        b.username("alice");
        b.username("Zoë-42");
        b.username("😀".repeat(32));
        for (String bad : new String[] {"", "   ", "a".repeat(33), "evil\u202Egnp", "tab\tname",
                "zw\u200Bsp", "bell\u0007", "esc\u001b[31m", "nl\nname", "\u2028"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.username(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid username"), e.getMessage());
        }
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        MeshNode.Builder b = MeshNode.builder();
        assertThrows(IllegalArgumentException.class, () -> b.ttl(0));
        assertThrows(IllegalArgumentException.class, () -> b.ttl(65));
        assertThrows(IllegalArgumentException.class, () -> b.seenCacheCapacity(1));
        assertThrows(IllegalArgumentException.class,
                () -> b.handshakeTimeout(java.time.Duration.ZERO));
    }

    @Test
    void chatTextMustBeNonEmptyAndAtMost16KiB() {
        try (MeshNode node = MeshNode.builder().build()) {
            assertThrows(IllegalArgumentException.class, () -> node.broadcast(""));
            assertThrows(IllegalArgumentException.class,
                    () -> node.broadcast("x".repeat(16 * 1024 + 1)));
            assertThrows(IllegalArgumentException.class, () -> node.broadcast("\uD800"));
            assertThrows(IllegalArgumentException.class,
                    () -> node.sendPrivate(node.id(), "to myself"));
            // Valid text on a node that is not running: the future fails, nothing throws.
            var sent = node.broadcast("é".repeat(8 * 1024));
            var error = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> sent.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("node is not running", error.getCause().getMessage());
        }
    }
}
