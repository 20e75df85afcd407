package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The program in the root README's "Embedding the library" section compiles, as printed,
 * against the library's current API (this module's test classpath holds ghost-core and
 * ghost-transport), with every lint warning an error: a renamed method or a deprecation makes
 * the README wrong, and this test fail. The project the README shows for it is a whole pom that
 * builds it on Maven 3.8: its plugins are pinned to this build's versions (Maven 3.8's default
 * compiler plugin, 3.1, ignores {@code release} and fails on JDK 17), the exec plugin runs the
 * sample's class, and it depends on the BOM of this version and the two modules only.
 * {@code DropInLibraryIT} builds that project with Maven; {@code ReadmeSampleRunTest} runs the
 * program.
 *
 * <p>Threading: runs the compiler and the XML parser on the test thread.
 */
class ReadmeSampleTest {
    @TempDir
    Path tmp;

    @Test
    void theEmbeddingSampleCompilesAgainstTheCurrentApi() throws Exception {
        String sample = ReadmeBlocks.sample();
        Path classes = ReadmeBlocks.compile(sample, tmp);
        assertTrue(Files.isRegularFile(classes.resolve(ReadmeBlocks.className(sample)
                + ".class")));
    }

    @Test
    void theProjectPomPinsThisBuildsPluginsAndRunsTheSample() throws Exception {
        Element pom = parse(ReadmeBlocks.pom());
        Element ours = parse(Files.readString(Path.of("..", "pom.xml")));
        assertEquals("project", pom.getTagName(), "a whole pom.xml, not a fragment");
        assertEquals("4.0.0", text(pom, "modelVersion"));
        assertEquals("17", text(child(pom, "properties"), "maven.compiler.release"));

        Element managed = child(child(pom, "dependencyManagement"), "dependencies");
        Element bom = children(managed, "dependency").get(0);
        assertEquals("ghost-bom", text(bom, "artifactId"));
        assertEquals(text(ours, "version"), text(bom, "version"), "the BOM of this version");
        assertEquals("import", text(bom, "scope"));
        assertEquals(List.of("ghost-core", "ghost-transport"),
                children(child(pom, "dependencies"), "dependency").stream()
                        .map(d -> text(d, "artifactId")).toList());

        List<Element> plugins = children(child(child(pom, "build"), "plugins"), "plugin");
        List<Element> ourPlugins = children(child(child(child(ours, "build"),
                "pluginManagement"), "plugins"), "plugin");
        for (String name : List.of("maven-compiler-plugin", "maven-resources-plugin",
                "exec-maven-plugin")) {
            Element plugin = named(plugins, name);
            assertNotNull(plugin, "the README's pom must pin " + name);
            assertEquals(text(named(ourPlugins, name), "version"), text(plugin, "version"),
                    name + " at the version this build uses (so Maven 3.8 gets a modern one)");
        }
        assertEquals(ReadmeBlocks.className(ReadmeBlocks.sample()),
                text(child(named(plugins, "exec-maven-plugin"), "configuration"), "mainClass"),
                "exec:java runs the sample");
        assertTrue(Files.readString(ReadmeBlocks.README)
                .contains("`mvn -q compile exec:java -Dexec.args=\"10.0.0.2:6666\"`"),
                "the README says how to run it");
    }

    private static Element parse(String xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }

    private static Element named(List<Element> plugins, String artifactId) {
        return plugins.stream().filter(p -> artifactId.equals(text(p, "artifactId")))
                .findFirst().orElse(null);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), () -> "one <" + name + "> in <" + parent.getTagName()
                + ">");
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
