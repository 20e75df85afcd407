package dev.ghostmesh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The internal packages are layers: each may use only the packages below it, so the tree shows
 * the design and no feature reaches up into the node that assembles it. The check reads the
 * sources (imports and fully qualified names), so a new edge fails here, at the commit that adds
 * it, with the file that adds it.
 */
class PackageLayeringTest {
    /** Bottom to top; a package may depend on any package listed before it, and on none after. */
    private static final List<String> LAYERS = List.of(
            "identity", "crypto", "codec", "store", "router", "runtime", "directory", "link",
            "messaging", "sync", "group", "presence", "node");

    private static final Pattern REFERENCE =
            Pattern.compile("dev\\.ghostmesh\\.internal\\.([a-z]+)");
    private static final Path SOURCES = Path.of("src/main/java/dev/ghostmesh/internal");

    @Test
    void everyInternalPackageIsInTheLayerTable() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> found.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(LAYERS), found,
                "a new internal package needs a place in LAYERS (and in its package-info)");
    }

    @Test
    void noPackageUsesOneAboveIt() throws IOException {
        Map<String, String> violations = new TreeMap<>();
        for (String pkg : LAYERS) {
            int level = LAYERS.indexOf(pkg);
            List<Path> sources;
            try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
                sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            }
            for (Path file : sources) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (LAYERS.indexOf(used) > level) {
                        violations.put(file.getFileName().toString(), pkg + " -> " + used);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "upward dependencies: " + violations);
    }

    @Test
    void theCheckSeesReferences() throws IOException {
        // Guards the check itself: if the path or pattern broke, the test above would pass on
        // nothing. The node package assembles everything, so it must be seen using link.
        String runtime = Files.readString(SOURCES.resolve("node/NodeRuntime.java"));
        Matcher m = REFERENCE.matcher(runtime);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertTrue(used.containsAll(Set.of("link", "messaging", "group", "presence")), "" + used);
    }
}
